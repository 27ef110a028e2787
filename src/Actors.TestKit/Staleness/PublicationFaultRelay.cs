using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;

namespace ShampooActors.Testing;

/// <summary>
/// The publication faults of a <see cref="FaultPlan"/>, as an actor between the preconditioners and the registry (a
/// <see cref="TrainingServices.PublicationRelay"/>): each <see cref="PreconditionerReady"/> passing through is counted
/// (overall and per block, from 1, in arrival order) and dropped, duplicated, held back or passed on, keeping its sender.
/// A held-back publication goes out right after the next publication of its block (or of any block) has been handled, so
/// it arrives late; one for which no next publication comes is never delivered. Other messages pass unchanged.
/// </summary>
public sealed class PublicationFaultRelay : ReceiveActor
{
    private readonly IActorRef _registry;
    private readonly FaultPlan _faults;
    private readonly OccurrenceCounter _counter = new();
    private readonly List<Held> _held = [];

    /// <summary>A relay applying <paramref name="faults"/>' publication faults on the way to <paramref name="registry"/>.</summary>
    public PublicationFaultRelay(IActorRef registry, FaultPlan faults)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _faults = faults ?? throw new ArgumentNullException(nameof(faults));
        Receive<PreconditionerReady>(Relay);
        ReceiveAny(message => _registry.Tell(message, Sender));
    }

    /// <summary>The props of a relay to <paramref name="registry"/>; see the constructor.</summary>
    public static Props Props(IActorRef registry, FaultPlan faults) =>
        ShampooActors.Actors.Kernel.Props.Create(() => new PublicationFaultRelay(registry, faults));

    /// <summary>What <see cref="TrainingServices.PublicationRelay"/> takes: the relay's props for the registry it is given.</summary>
    public static Func<IActorRef, Props> For(FaultPlan faults) => registry => Props(registry, faults);

    private void Relay(PreconditionerReady ready)
    {
        var (overall, ofBlock) = _counter.Next(ready.Block);
        var fault = _faults.ForPublication(ready.Block, ready.Version, overall, ofBlock);
        if (fault is not null)
            Context.System.EventStream.Publish(new FaultInjected(Context.System.Scheduler.Now, ready.Block, ready.Version, fault.Kind, overall));
        var released = _held.FindAll(h => h.AnyBlock || h.Ready.Block == ready.Block);
        _held.RemoveAll(released.Contains);
        switch (fault?.Kind)
        {
            case FaultKind.Drop:
                break;
            case FaultKind.Duplicate:
                _registry.Tell(ready, Sender);
                _registry.Tell(ready, Sender);
                break;
            case FaultKind.HoldBackForBlock or FaultKind.HoldBackForAny:
                _held.Add(new Held(ready, Sender, fault.Kind == FaultKind.HoldBackForAny));
                break;
            default:
                _registry.Tell(ready, Sender);
                break;
        }
        foreach (var held in released)
            _registry.Tell(held.Ready, held.Sender);
    }

    private sealed record Held(PreconditionerReady Ready, IActorRef Sender, bool AnyBlock);
}
