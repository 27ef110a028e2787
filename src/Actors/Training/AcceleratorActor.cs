using ShampooActors.Actors.Kernel;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Actors.Training;

/// <summary>
/// One device's step loop over its <see cref="Replica"/>. Replica 0 leads: it adopts the newest roots it was sent at each step
/// boundary, applies the staleness policy, runs the optimizer, hands the due snapshots to the preconditioner side, reports
/// every step, makes the checkpoints and alone decides when training stops. With several replicas each computes the
/// gradients of its shard; the <see cref="GradientAverager"/> averages them into the leader's, and after its update the
/// leader copies its parameters into the others' (which never run their optimizers), so all replicas stay identical.
/// </summary>
internal sealed class AcceleratorActor : ReceiveActor, IWithTimers
{
    private readonly int _rank;
    private readonly TrainingJob _job;
    private readonly PreconditioningOptions _options;
    private readonly Replica _replica;
    private readonly Shampoo? _shampoo;
    private readonly IActorRef? _preconditioners;
    private readonly IActorRef? _averager;
    private readonly Dictionary<int, PreconditionerReady> _inbox = [];
    private readonly Dictionary<int, long> _gaveUpOn = [];
    private readonly long[] _staleness;
    private readonly Math.Nn.Parameter[] _parameters;
    private GradientResult _gradients;
    private DateTimeOffset? _waitStarted;
    private TimeSpan _waited;
    private string? _stopReason;
    private long _savedStep;
    private bool _ended;

    public AcceleratorActor(int rank, TrainingJob job, IActorRef? preconditioners, IActorRef? averager)
    {
        _rank = rank;
        _job = job;
        _options = job.Preconditioning;
        _preconditioners = preconditioners;
        _averager = averager;
        _replica = job.CreateReplica(rank);
        _shampoo = _replica.Optimizer as Shampoo;
        if (_shampoo is not null)
            _shampoo.Mode = Async ? RootComputation.External : RootComputation.Synchronous;
        _staleness = new long[_shampoo?.Blocks.Count ?? 0];
        _savedStep = _replica.Trainer.Step;
        _parameters = _replica.Optimizer.ParamGroups.SelectMany(g => g.Parameters).ToArray();

        Receive<NextStep>(_ => Guarded(BeginStep));
        Receive<Averaged>(a => Guarded(() => FinishStep(a)));
        Receive<Synchronized>(s => Guarded(() =>
        {
            _replica.Trainer.Step = s.Step;
            BeginStep();
        }));
        Receive<PreconditionerReady>(ready =>
        {
            if (!_inbox.TryGetValue(ready.Block, out var held) || held.Version < ready.Version)
                _inbox[ready.Block] = ready;
            if (_waitStarted is not null)
                Guarded(BeginStep);
        });
        Receive<WaitTimedOut>(_ => Guarded(GiveUpWaiting));
        Receive<StopTraining>(stop =>
        {
            _stopReason ??= stop.Reason;
            if (_waitStarted is not null)
                Guarded(BeginStep);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(int rank, TrainingJob job, IActorRef? preconditioners, IActorRef? averager) =>
        Kernel.Props.Create(() => new AcceleratorActor(rank, job, preconditioners, averager));

    private bool Leader => _rank == 0;

    private bool Async => _options.Mode == PreconditioningMode.Async;

    private long Step => _replica.Trainer.Step;

    protected override void PreStart()
    {
        if (Leader && Async && _shampoo is not null && Step > 0)
            ResubmitSnapshots();
        Self.Tell(NextStep.Instance);
    }

    /// <summary>
    /// A job that starts from a checkpoint asks for roots of every block's current statistics at once: the snapshots due at
    /// the checkpoint's step went to the preconditioners of the run that saved it.
    /// </summary>
    private void ResubmitSnapshots()
    {
        foreach (var block in _shampoo!.Blocks)
            _preconditioners!.Tell(_shampoo.Snapshot(block.Id), Self);
    }

    private void BeginStep()
    {
        if (_ended)
            return;
        if (!Leader)
        {
            if (Step < _job.Steps)
                ComputeGradients();
            return;
        }
        if (_stopReason is not null)
        {
            End("interrupted", _stopReason, save: true);
            return;
        }
        if (Step >= _job.Steps)
        {
            End("completed", null, save: _job.CheckpointEvery > 0);
            return;
        }
        Adopt();
        if (StaleBlocksToWaitFor() is { Count: > 0 })
        {
            if (_waitStarted is null)
            {
                _waitStarted = Context.System.Scheduler.Now;
                Timers.StartSingleTimer(WaitTimedOut.Instance, WaitTimedOut.Instance, _options.WaitTimeout);
            }
            return;
        }
        if (_waitStarted is { } started)
        {
            _waited = Context.System.Scheduler.Now - started;
            _waitStarted = null;
            Timers.Cancel(WaitTimedOut.Instance);
        }
        ComputeGradients();
    }

    private void ComputeGradients()
    {
        _gradients = _replica.Trainer.ComputeGradients();
        if (_averager is null)
            FinishStep(new Averaged(Step + 1, _gradients.Loss, []));
        else
            _averager.Tell(new Gradients(_rank, Step + 1, _parameters, _gradients.Loss), Self);
    }

    /// <summary>The leader's second half of a step: the update with the averaged gradients, the followers' parameters, snapshots, report, checkpoint.</summary>
    private void FinishStep(Averaged averaged)
    {
        if (_shampoo is not null && Async && _options.Policy == StalenessPolicy.GraftOnly)
        {
            for (var b = 0; b < _staleness.Length; b++)
                _shampoo.SetGraftOnly(b, _shampoo.Staleness(b) + 1 > _options.MaxStaleness);
        }
        var result = _replica.Trainer.ApplyUpdate(_gradients with { Loss = averaged.Loss });
        foreach (var follower in averaged.Followers)
        {
            for (var p = 0; p < _parameters.Length; p++)
                _parameters[p].Data.CopyTo(follower.Parameters[p].Data);
            follower.Actor.Tell(new Synchronized(result.Step), Self);
        }
        foreach (var snapshot in (Async ? _shampoo?.TakeSnapshots() : null) ?? [])
            _preconditioners!.Tell(snapshot, Self);
        Report(result);
        if (!float.IsFinite(result.Loss))
        {
            End("diverged", $"diverged: loss {result.Loss} at step {result.Step}; try a lower learning rate", save: false);
            return;
        }
        if (_job.CheckpointEvery > 0 && result.Step % _job.CheckpointEvery == 0)
            SavePeriodic();
        Continue();
    }

    private void Report(StepResult result)
    {
        for (var b = 0; b < _staleness.Length; b++)
            _staleness[b] = _shampoo!.Staleness(b);
        var waited = _waited;
        _waited = TimeSpan.Zero;
        Context.System.EventStream.Publish(new StepCompleted(Context.System.Scheduler.Now, result.Step, result.Loss, waited, _staleness.ToArray()));
        _job.Observer.StepCompleted(new StepReport(result, waited), _replica);
    }

    private void Continue()
    {
        if (_job.Services.SimulatedStepTime is { } stepTime)
            Timers.StartSingleTimer(NextStep.Instance, NextStep.Instance, stepTime);
        else
            Self.Tell(NextStep.Instance);
    }

    /// <summary>Adopts the newest roots received per block that are newer than those in use.</summary>
    private void Adopt()
    {
        if (_shampoo is null || _inbox.Count == 0)
            return;
        var now = Context.System.Scheduler.Now;
        foreach (var ready in _inbox.Values.OrderBy(r => r.Block))
        {
            if (!_shampoo.TryAdoptRoots(ready.Roots))
                continue;
            Context.System.EventStream.Publish(new RootsAdopted(now, ready.Block, ready.Version, Step + 1));
        }
        _inbox.Clear();
    }

    /// <summary>Under the wait policy, the blocks the next step would use past the staleness bound, except those already waited for in vain.</summary>
    private List<int>? StaleBlocksToWaitFor()
    {
        if (_shampoo is null || !Async || _options.Policy != StalenessPolicy.Wait || Step + 1 < _shampoo.Defaults.StartPreconditioningStep)
            return null;
        List<int>? stale = null;
        for (var b = 0; b < _staleness.Length; b++)
        {
            if (_shampoo.Staleness(b) + 1 > _options.MaxStaleness && _gaveUpOn.GetValueOrDefault(b, -1) != _shampoo.RootVersion(b))
                (stale ??= []).Add(b);
        }
        return stale;
    }

    private void GiveUpWaiting()
    {
        if (_waitStarted is null || StaleBlocksToWaitFor() is not { Count: > 0 } stale)
            return;
        foreach (var b in stale)
            _gaveUpOn[b] = _shampoo!.RootVersion(b);
        Context.GetLogger().Warning($"waited {_options.WaitTimeout.TotalSeconds:G4} s before step {Step + 1} for newer roots of blocks {string.Join(", ", stale)}; going on with the stale ones");
        Context.System.EventStream.Publish(new StalenessWaitTimedOut(Context.System.Scheduler.Now, Step + 1, stale));
        BeginStep();
    }

    private void Save()
    {
        _job.Observer.SaveCheckpoint(Step, _replica);
        _savedStep = Step;
    }

    /// <summary>A periodic checkpoint; one that cannot be written is logged and training goes on (the next one may succeed).</summary>
    private void SavePeriodic()
    {
        try
        {
            Save();
        }
        catch (Exception e)
        {
            Context.GetLogger().Warning($"the checkpoint of step {Step} could not be saved: {e.Message}; training goes on");
        }
    }

    /// <summary>Ends training, saving the last step first when asked; a save that fails ends the run as failed, saying so.</summary>
    private void End(string outcome, string? reason, bool save)
    {
        _ended = true;
        Timers.CancelAll();
        if (save && Step > _savedStep)
        {
            try
            {
                Save();
            }
            catch (Exception e)
            {
                (outcome, reason) = ("failed", $"{reason ?? outcome}; the checkpoint of step {Step} could not be saved: {e.Message}");
            }
        }
        Context.Parent.Tell(new TrainingEnded(outcome, Step, reason), Self);
    }

    /// <summary>Runs a part of the loop; an exception ends training as failed (a replica's state cannot be rebuilt mid-run by a restart).</summary>
    private void Guarded(Action action)
    {
        if (_ended)
            return;
        try
        {
            action();
        }
        catch (Exception e)
        {
            Context.GetLogger().Error(e, $"replica {_rank} failed at step {Step + 1}");
            _ended = true;
            Context.Parent.Tell(new TrainingEnded("failed", Step, $"failed at step {Step + 1}: {e.Message}"), Self);
        }
    }

    private sealed record NextStep
    {
        public static NextStep Instance { get; } = new();
    }

    private sealed record WaitTimedOut
    {
        public static WaitTimedOut Instance { get; } = new();
    }
}

/// <summary>An accelerator tells its job that training ended.</summary>
internal sealed record TrainingEnded(string Outcome, long Step, string? Reason);
