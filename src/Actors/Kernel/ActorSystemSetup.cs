namespace ShampooActors.Actors.Kernel;

/// <summary>
/// What an actor system is given besides its config: the clock every time read goes through, and optionally how its
/// dispatchers are made (a test kit runs every actor on one deterministic dispatcher).
/// </summary>
public sealed record ActorSystemSetup
{
    /// <summary>The clock; the system clock by default.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Makes a dispatcher from its settings; null: thread-pool and dedicated-thread dispatchers as configured.</summary>
    public Func<DispatcherSettings, MessageDispatcher>? DispatcherFactory { get; init; }
}
