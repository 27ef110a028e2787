using System.Runtime.CompilerServices;
using ShampooActors.Actors.Kernel;

namespace ShampooActors.Testing;

/// <summary>A separate test actor with its own expectations: stands in for a collaborator of the actor under test.</summary>
public sealed class TestProbe : TestKitBase
{
    private static readonly ConditionalWeakTable<ActorSystem, StrongBox<int>> Counters = new();

    internal TestProbe(ActorSystem system, TestTimeline timeline, TestKitSettings settings, string? name)
        : base(system, timeline, settings, name ?? NextName(system))
    {
    }

    /// <summary>testProbe-1, -2, … per system, so a test's paths do not depend on which tests ran before it.</summary>
    private static string NextName(ActorSystem system) =>
        $"testProbe-{Interlocked.Increment(ref Counters.GetOrCreateValue(system).Value)}";

    /// <summary>The probe's actor (the same as <see cref="TestKitBase.TestActor"/>).</summary>
    public IActorRef Ref => TestActor;

    /// <summary>Tells <paramref name="message"/> to the probe's actor.</summary>
    public void Tell(object message, IActorRef? sender = null) => TestActor.Tell(message, sender);
}
