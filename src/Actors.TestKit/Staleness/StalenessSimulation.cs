using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;

namespace ShampooActors.Testing;

/// <summary>The entry point of the stale-delay simulator: the services of a training job under a delay model and a fault plan.</summary>
public static class StalenessSimulation
{
    /// <summary>
    /// The <see cref="TrainingServices"/> of a simulated job on <paramref name="system"/>'s clock: a
    /// <see cref="SimulatedRootService"/> (its <see cref="TrainingServices.Roots"/>) delaying by <paramref name="delays"/>,
    /// a <see cref="PublicationFaultRelay"/> when <paramref name="faults"/> plans publication faults, and steps of
    /// <paramref name="stepTime"/> (positive: in virtual time, steps that take no time leave no room for roots to arrive).
    /// Injected faults are published on the system's event stream as <see cref="FaultInjected"/>.
    /// </summary>
    public static TrainingServices Services(ActorSystem system, DelayModel delays, TimeSpan stepTime, FaultPlan? faults = null, SimulatedRoots roots = SimulatedRoots.Real)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (stepTime <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(stepTime), stepTime, "a simulated step must take some time");
        faults ??= FaultPlan.None;
        return new TrainingServices
        {
            Roots = new SimulatedRootService(system.Scheduler.Clock, delays, faults, roots, system.EventStream),
            PublicationRelay = faults.HasPublicationFaults ? PublicationFaultRelay.For(faults) : null,
            SimulatedStepTime = stepTime,
        };
    }
}
