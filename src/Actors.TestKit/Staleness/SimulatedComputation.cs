namespace ShampooActors.Testing;

/// <summary>One call of the simulated root service, as it was planned when asked.</summary>
/// <param name="Number">Which computation it was, counted from 1 overall.</param>
/// <param name="Block">The snapshot's block.</param>
/// <param name="Version">The snapshot's version.</param>
/// <param name="AskedAt">The clock's time when it was asked for.</param>
/// <param name="Delay">The delay model's delay for it (a crash ends after a part of it, a throw at once).</param>
/// <param name="Fault">The fault that hit it, or null.</param>
public sealed record SimulatedComputation(long Number, int Block, long Version, DateTimeOffset AskedAt, TimeSpan Delay, FaultKind? Fault);
