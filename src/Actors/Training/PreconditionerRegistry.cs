using ShampooActors.Actors.Kernel;

namespace ShampooActors.Actors.Training;

/// <summary>
/// The versioned store of roots: the newest version per block wins, a publication no newer than the one held is ignored
/// (so duplicates are idempotent and late ones harmless), and every accepted version goes to the subscribers; a new
/// subscriber first gets the newest version held of every block.
/// </summary>
public sealed class PreconditionerRegistry : ReceiveActor
{
    private readonly Dictionary<int, PreconditionerReady> _newest = [];
    private readonly List<IActorRef> _subscribers = [];

    /// <summary>A registry that records into <paramref name="metrics"/>.</summary>
    public PreconditionerRegistry(PreconditioningMetrics metrics)
    {
        Receive<SubscribeRoots>(s =>
        {
            _subscribers.Add(s.Subscriber);
            Context.Watch(s.Subscriber);
            foreach (var held in _newest.Values.OrderBy(r => r.Block))
                s.Subscriber.Tell(held, Self);
        });
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
        Receive<PreconditionerReady>(ready =>
        {
            var now = Context.System.Scheduler.Now;
            if (_newest.TryGetValue(ready.Block, out var held) && held.Version >= ready.Version)
            {
                metrics.PublicationIgnored();
                Context.System.EventStream.Publish(new PublicationIgnored(now, ready.Block, ready.Version, held.Version));
                return;
            }
            _newest[ready.Block] = ready;
            metrics.Published(ready.Block, ready.Version);
            Context.System.EventStream.Publish(new RootsPublished(now, ready.Block, ready.Version, ready.ComputeMilliseconds));
            foreach (var subscriber in _subscribers)
                subscriber.Tell(ready, Self);
        });
        Receive<GetRootVersions>(_ => Sender.Tell(new RootVersions(_newest.ToDictionary(kv => kv.Key, kv => kv.Value.Version)), Self));
    }

    /// <summary>The props of a registry recording into <paramref name="metrics"/>.</summary>
    public static Props Props(PreconditioningMetrics metrics) => Kernel.Props.Create(() => new PreconditionerRegistry(metrics));
}
