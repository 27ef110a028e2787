using ShampooActors.Actors.Kernel;

namespace ShampooActors.Actors.Training;

/// <summary>
/// The root of one training job: on <see cref="StartTraining"/> it creates the registry, the preconditioner side (async
/// mode), the gradient averager (several replicas) and one accelerator per replica, and answers <see cref="JobFinished"/>
/// when the leading accelerator ends the run. A coordinated shutdown stops training (in its first phase, within the phase
/// timeout) at the next step boundary with a checkpoint before the system goes down. Preconditioner-side faults restart the
/// faulty actor; training goes on.
/// </summary>
public sealed class JobActor : ReceiveActor
{
    private readonly TrainingJob _job;
    private readonly PreconditioningMetrics _metrics;
    private readonly List<IActorRef> _waiting = [];
    private readonly TaskCompletionSource _finished = new();
    private IActorRef[] _accelerators = [];
    private JobFinished? _result;

    /// <summary>A job actor for <paramref name="job"/> recording the preconditioner side into <paramref name="metrics"/>.</summary>
    public JobActor(TrainingJob job, PreconditioningMetrics metrics)
    {
        if (job.Replicas < 1)
            throw new ArgumentOutOfRangeException(nameof(job), job.Replicas, "a job needs at least one replica");
        _job = job;
        _metrics = metrics;
        Receive<StartTraining>(_ => Start());
        Receive<StopTraining>(stop =>
        {
            if (Answered(Sender))
                return;
            // The leader alone decides when the loop ends: a follower that stopped on its own would leave the averager waiting.
            if (_accelerators.Length > 0)
                _accelerators[0].Tell(stop, Self);
        });
        Receive<TrainingEnded>(ended => Finish(new JobFinished(ended.Outcome, ended.Step, ended.Reason)));
        Receive<Terminated>(t => Finish(new JobFinished("failed", 0, $"{t.ActorRef.Path.Name} stopped unexpectedly")));
    }

    /// <summary>The props of a job actor; see the constructor.</summary>
    public static Props Props(TrainingJob job, PreconditioningMetrics metrics) => Kernel.Props.Create(() => new JobActor(job, metrics));

    /// <inheritdoc />
    protected override void PreStart()
    {
        var self = Self;
        var shutdown = CoordinatedShutdown.Get(Context.System);
        shutdown.AddTask(shutdown.Phases[0], "stop-training", () =>
        {
            self.Tell(new StopTraining("stopped by a coordinated shutdown"), ActorRefs.NoSender);
            return _finished.Task;
        });
    }

    /// <inheritdoc />
    protected override void PostStop() => _finished.TrySetResult();

    private void Start()
    {
        if (Answered(Sender) || _accelerators.Length > 0)
            return;
        var registry = Context.ActorOf(PreconditionerRegistry.Props(_metrics), "registry");
        IActorRef? preconditioners = null;
        if (_job.Preconditioning.Mode == PreconditioningMode.Async)
        {
            var publishTo = _job.Services.PublicationRelay is { } relay ? Context.ActorOf(relay(registry), "relay") : registry;
            var pool = PreconditionerPool.Props(_job.Preconditioning, _job.Services.Roots, publishTo, _metrics);
            var side = _job.Services.Preconditioners is { } make ? make(new PreconditionerSide(publishTo, _metrics, pool)) : pool;
            preconditioners = Context.ActorOf(side, "preconditioners");
        }
        var averager = _job.Replicas > 1 ? Context.ActorOf(GradientAverager.Props(_job.Replicas), "averager") : null;
        _accelerators = new IActorRef[_job.Replicas];
        for (var r = 0; r < _job.Replicas; r++)
        {
            _accelerators[r] = Context.ActorOf(AcceleratorActor.Props(r, _job, preconditioners, averager), $"accelerator-{r}");
            Context.Watch(_accelerators[r]);
        }
        registry.Tell(new SubscribeRoots(_accelerators[0]), Self);
    }

    private void Finish(JobFinished result)
    {
        if (_result is not null)
            return;
        _result = result;
        foreach (var accelerator in _accelerators)
        {
            Context.Unwatch(accelerator);
            Context.Stop(accelerator);
        }
        foreach (var waiting in _waiting)
            waiting.Tell(result, Self);
        _waiting.Clear();
        _finished.TrySetResult();
    }

    /// <summary>Answers <paramref name="sender"/> at once when the job has finished, or keeps it to answer at the end; returns whether it answered.</summary>
    private bool Answered(IActorRef sender)
    {
        if (_result is null)
        {
            if (!sender.Equals(Context.System.DeadLetters))
                _waiting.Add(sender);
            return false;
        }
        sender.Tell(_result, Self);
        return true;
    }
}
