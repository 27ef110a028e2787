using ShampooActors.Actors.Kernel;

namespace ShampooActors.Testing;

/// <summary>A separate test actor with its own expectations: stands in for a collaborator of the actor under test.</summary>
public sealed class TestProbe : TestKitBase
{
    private static int s_counter;

    internal TestProbe(ActorSystem system, TestTimeline timeline, TestKitSettings settings, string? name)
        : base(system, timeline, settings, name ?? $"testProbe-{Interlocked.Increment(ref s_counter)}")
    {
    }

    /// <summary>The probe's actor (the same as <see cref="TestKitBase.TestActor"/>).</summary>
    public IActorRef Ref => TestActor;

    /// <summary>Tells <paramref name="message"/> to the probe's actor.</summary>
    public void Tell(object message, IActorRef? sender = null) => TestActor.Tell(message, sender);
}
