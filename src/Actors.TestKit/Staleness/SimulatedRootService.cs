using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;
using ShampooActors.Math.Optim;

namespace ShampooActors.Testing;

/// <summary>
/// A root service whose computations take the time a <see cref="DelayModel"/> says on a given clock (the actor system's:
/// virtual in the test kit) and suffer the computation faults of a <see cref="FaultPlan"/>. The roots are computed when
/// asked for, on the caller's thread (the preconditioner's turn); the returned task completes when a timer of the clock
/// fires at the delay: never before it. Awaited from an async handler, the continuation goes back through the actor's
/// mailbox, so in virtual time a run is deterministic. Thread-safe.
/// </summary>
public sealed class SimulatedRootService : IRootService
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly EventStream? _events;
    private readonly OccurrenceCounter _counter = new();
    private readonly List<SimulatedComputation> _computations = [];
    private readonly HashSet<PendingResult> _pending = [];

    /// <summary>
    /// A service on <paramref name="clock"/> delaying by <paramref name="delays"/>, faulting by <paramref name="faults"/>,
    /// returning <paramref name="roots"/>, and publishing <see cref="FaultInjected"/> on <paramref name="events"/> when given.
    /// </summary>
    public SimulatedRootService(TimeProvider clock, DelayModel delays, FaultPlan? faults = null, SimulatedRoots roots = SimulatedRoots.Real, EventStream? events = null)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Delays = delays ?? throw new ArgumentNullException(nameof(delays));
        Faults = faults ?? FaultPlan.None;
        Roots = roots;
        _events = events;
    }

    /// <summary>How long each computation takes.</summary>
    public DelayModel Delays { get; }

    /// <summary>The faults; only the computation faults apply here.</summary>
    public FaultPlan Faults { get; }

    /// <summary>Which roots come back.</summary>
    public SimulatedRoots Roots { get; }

    /// <summary>Every computation asked for so far, in order.</summary>
    public IReadOnlyList<SimulatedComputation> Computations
    {
        get
        {
            lock (_gate)
                return _computations.ToArray();
        }
    }

    /// <summary>Computations whose delay has not yet passed.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
                return _pending.Count;
        }
    }

    /// <inheritdoc />
    public Task<BlockRoots> ComputeAsync(StatisticsSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<BlockRoots>(cancellationToken);
        var (block, version) = (snapshot.BlockId, snapshot.Version);
        var now = _clock.GetUtcNow();
        var delay = Delays.DelayOf(block, version);
        Fault? fault;
        long number;
        lock (_gate)
        {
            var (overall, ofBlock) = _counter.Next(block);
            number = overall;
            fault = Faults.ForComputation(block, version, overall, ofBlock);
            _computations.Add(new SimulatedComputation(number, block, version, now, delay, fault?.Kind));
        }
        if (fault is not null)
            _events?.Publish(new FaultInjected(now, block, version, fault.Kind, number));
        var what = $"computation #{number} (block {block} version {version})";
        switch (fault?.Kind)
        {
            case FaultKind.Throw:
                return Task.FromException<BlockRoots>(new SimulatedFaultException($"simulated fault: {what} threw"));
            case FaultKind.Crash:
                var after = TimeSpan.FromTicks((long)System.Math.Round(delay.Ticks * fault.CrashAfter));
                return After(after, null, new SimulatedFaultException($"simulated fault: {what} crashed after {after.TotalMilliseconds:G6} ms of {delay.TotalMilliseconds:G6} ms"), cancellationToken);
        }
        BlockRoots roots;
        try
        {
            roots = RootValues.Of(snapshot, Roots);
            if (fault?.Kind == FaultKind.NonFinite)
                roots = RootValues.WithNaN(roots, snapshot);
        }
        catch (Exception e)
        {
            return After(delay, null, e, cancellationToken);
        }
        return After(delay, roots, null, cancellationToken);
    }

    /// <summary>A task that ends with <paramref name="roots"/> or <paramref name="failure"/> when <paramref name="delay"/> has passed on the clock.</summary>
    private Task<BlockRoots> After(TimeSpan delay, BlockRoots? roots, Exception? failure, CancellationToken cancellationToken)
    {
        if (delay == TimeSpan.Zero)
            return failure is null ? Task.FromResult(roots!) : Task.FromException<BlockRoots>(failure);
        var pending = new PendingResult(this, roots, failure);
        lock (_gate)
            _pending.Add(pending);
        pending.Start(_clock, delay, cancellationToken);
        return pending.Task;
    }

    private void Forget(PendingResult pending)
    {
        lock (_gate)
            _pending.Remove(pending);
    }

    /// <summary>
    /// One computation waiting for its delay; the service holds it (and so its timer) until it ends. Its task's
    /// continuations run where the timer fires unless they captured a context: an actor's await goes back to its mailbox.
    /// </summary>
    private sealed class PendingResult(SimulatedRootService service, BlockRoots? roots, Exception? failure)
    {
        private readonly Lock _gate = new();
        private readonly TaskCompletionSource<BlockRoots> _completion = new();
        private ITimer? _timer;
        private CancellationTokenRegistration _registration;
        private bool _ended;

        public Task<BlockRoots> Task => _completion.Task;

        public void Start(TimeProvider clock, TimeSpan delay, CancellationToken cancellationToken)
        {
            lock (_gate)
                _timer = clock.CreateTimer(static state => ((PendingResult)state!).End(CancellationToken.None), this, delay, Timeout.InfiniteTimeSpan);
            if (cancellationToken.CanBeCanceled)
                _registration = cancellationToken.Register(static (state, token) => ((PendingResult)state!).End(token), this);
        }

        private void End(CancellationToken cancelled)
        {
            lock (_gate)
            {
                if (_ended)
                    return;
                _ended = true;
                _timer?.Dispose();
            }
            service.Forget(this);
            _registration.Unregister();
            if (cancelled.IsCancellationRequested)
                _completion.TrySetCanceled(cancelled);
            else if (failure is not null)
                _completion.TrySetException(failure);
            else
                _completion.TrySetResult(roots!);
        }
    }
}
