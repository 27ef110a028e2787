namespace ShampooActors.Testing;

/// <summary>Whether a test kit runs its system in virtual time (deterministic, never sleeping) or on real threads and the wall clock.</summary>
public enum TestKitMode
{
    /// <summary>A virtual clock and one deterministic dispatcher: expectations advance time instead of waiting.</summary>
    VirtualTime,

    /// <summary>The thread pool and the system clock: for behaviour about threads.</summary>
    RealTime,
}

/// <summary>Default timeouts of expectations, as Akka's <c>akka.test</c> settings.</summary>
/// <param name="SingleExpectDefault">How long an expectation waits when given no timeout (in virtual time: how far it may advance).</param>
/// <param name="ExpectNoMessageDefault">How long <c>ExpectNoMsg</c> watches when given no duration.</param>
public sealed record TestKitSettings(TimeSpan SingleExpectDefault, TimeSpan ExpectNoMessageDefault)
{
    /// <summary>3 s for an expectation, 100 ms for the absence of a message.</summary>
    public static TestKitSettings Default { get; } = new(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(100));
}
