using ShampooActors.Actors.Kernel;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Training;

/// <summary>
/// The preconditioner side of a job: one <see cref="PreconditionerActor"/> per block (created on its first snapshot), the
/// snapshots waiting for a worker (one per block, the newest), and the dispatch of at most <c>Workers</c> computations at
/// once in priority order. A computation that throws restarts its preconditioner, and the block is retried after a delay
/// that doubles with each consecutive failure; a rejected root is reported and the previous one stays in use.
/// </summary>
public sealed class PreconditionerPool : ReceiveActor, IWithTimers
{
    private readonly PreconditioningOptions _options;
    private readonly IRootService _service;
    private readonly IActorRef _publishTo;
    private readonly PreconditioningMetrics _metrics;
    private readonly PendingSnapshots _pending;
    private readonly Dictionary<int, IActorRef> _workers = [];
    private readonly HashSet<int> _busy = [];
    private readonly Dictionary<int, int> _failures = [];

    /// <summary>A pool computing through <paramref name="service"/> and publishing valid roots to <paramref name="publishTo"/>.</summary>
    public PreconditionerPool(PreconditioningOptions options, IRootService service, IActorRef publishTo, PreconditioningMetrics metrics)
    {
        _options = options;
        _service = service;
        _publishTo = publishTo;
        _metrics = metrics;
        _pending = new PendingSnapshots(options.Priority);
        Receive<StatisticsSnapshot>(Queue);
        Receive<ComputationEnded>(Ended);
        Receive<RetryDue>(_ => Dispatch());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a pool; see the constructor.</summary>
    public static Props Props(PreconditioningOptions options, IRootService service, IActorRef publishTo, PreconditioningMetrics metrics) =>
        Kernel.Props.Create(() => new PreconditionerPool(options, service, publishTo, metrics));

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);

    private void Queue(StatisticsSnapshot snapshot)
    {
        var replaced = _pending.Offer(snapshot);
        if (replaced)
            _metrics.Replaced();
        Context.System.EventStream.Publish(new SnapshotQueued(Context.System.Scheduler.Now, snapshot.BlockId, snapshot.Version, replaced, _pending.Count));
        Dispatch();
    }

    private void Ended(ComputationEnded ended)
    {
        var snapshot = ended.Snapshot;
        var block = snapshot.BlockId;
        _busy.Remove(block);
        _metrics.Computed(ended.Outcome, ended.Milliseconds);
        var now = Context.System.Scheduler.Now;
        switch (ended.Outcome)
        {
            case ComputationOutcome.Published:
                _failures.Remove(block);
                _pending.Rooted(snapshot);
                break;
            case ComputationOutcome.Rejected:
                Context.GetLogger().Warning($"roots of block {block} version {snapshot.Version} rejected: {ended.Reason}; the previous roots stay in use");
                Context.System.EventStream.Publish(new RootsRejected(now, block, snapshot.Version, ended.Reason ?? "rejected"));
                break;
            case ComputationOutcome.Failed:
                var failures = _failures[block] = _failures.GetValueOrDefault(block) + 1;
                var delay = Backoff(failures);
                _pending.Retry(snapshot, now + delay);
                Context.GetLogger().Warning($"computing block {block} version {snapshot.Version} failed ({failures} in a row): {ended.Reason}; retrying in {delay.TotalMilliseconds:F0} ms");
                Context.System.EventStream.Publish(new ComputationFailed(now, block, snapshot.Version, ended.Reason ?? "failed", delay));
                break;
        }
        Dispatch();
    }

    /// <summary>Hands queued snapshots to idle blocks' preconditioners while workers are free, and arms the timer for the next held-back one.</summary>
    private void Dispatch()
    {
        var now = Context.System.Scheduler.Now;
        while (_busy.Count < _options.Workers && _pending.Take(now, _busy) is { } snapshot)
        {
            _busy.Add(snapshot.BlockId);
            Worker(snapshot.BlockId).Tell(new ComputeRoots(snapshot), Self);
            Context.System.EventStream.Publish(new ComputationStarted(now, snapshot.BlockId, snapshot.Version));
        }
        _metrics.QueueDepth(_pending.Count);
        if (_pending.NextEligible(now) is { } next)
            Timers.StartSingleTimer(RetryDue.Instance, RetryDue.Instance, next - now);
    }

    private IActorRef Worker(int block)
    {
        if (!_workers.TryGetValue(block, out var worker))
            _workers[block] = worker = Context.ActorOf(PreconditionerActor.Props(_service, _publishTo, _options.Dispatcher), $"block-{block}");
        return worker;
    }

    /// <summary>min · 2^(failures − 1), capped at max (doubling stops at the cap, so it never overflows).</summary>
    private TimeSpan Backoff(int failures)
    {
        var delay = _options.FailureBackoffMin;
        for (var k = 1; k < failures && delay < _options.FailureBackoffMax; k++)
            delay += delay;
        return delay < _options.FailureBackoffMax ? delay : _options.FailureBackoffMax;
    }

    private sealed record RetryDue
    {
        public static RetryDue Instance { get; } = new();
    }
}
