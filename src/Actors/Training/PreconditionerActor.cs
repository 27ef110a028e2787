using ShampooActors.Actors.Kernel;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Training;

/// <summary>
/// The worker of one block: computes the roots of the snapshot it is given through the root service, validates them
/// (every factor accepted, finite, of the factor's shape) and publishes valid ones as <see cref="PreconditionerReady"/>.
/// It tells its parent how each computation ended; a computation that throws restarts it (its parent's strategy).
/// </summary>
public sealed class PreconditionerActor : ReceiveActor
{
    /// <summary>A preconditioner that computes through <paramref name="service"/> and publishes to <paramref name="publishTo"/>.</summary>
    public PreconditionerActor(IRootService service, IActorRef publishTo)
    {
        ReceiveAsync<ComputeRoots>(async message =>
        {
            var snapshot = message.Snapshot;
            var parent = Context.Parent;
            var self = Self;
            var clock = Context.System.Scheduler.Clock;
            var started = clock.GetTimestamp();
            string? invalid;
            BlockRoots? roots;
            try
            {
                roots = await service.ComputeAsync(snapshot, CancellationToken.None);
                invalid = roots is null ? "the root service returned nothing" : Invalid(snapshot, roots);
            }
            catch (Exception e)
            {
                parent.Tell(new ComputationEnded(snapshot, ComputationOutcome.Failed, clock.GetElapsedTime(started).TotalMilliseconds, e.Message), self);
                throw;
            }
            var milliseconds = clock.GetElapsedTime(started).TotalMilliseconds;
            if (invalid is not null)
            {
                parent.Tell(new ComputationEnded(snapshot, ComputationOutcome.Rejected, milliseconds, invalid), self);
                return;
            }
            publishTo.Tell(new PreconditionerReady(snapshot.BlockId, snapshot.Version, roots!, milliseconds), self);
            parent.Tell(new ComputationEnded(snapshot, ComputationOutcome.Published, milliseconds, null), self);
        });
    }

    /// <summary>The props of a preconditioner on <paramref name="dispatcher"/>.</summary>
    public static Props Props(IRootService service, IActorRef publishTo, string dispatcher) =>
        Kernel.Props.Create(() => new PreconditionerActor(service, publishTo)).WithDispatcher(dispatcher);

    /// <summary>Why <paramref name="roots"/> cannot replace the block's current roots, or null when they can.</summary>
    public static string? Invalid(StatisticsSnapshot snapshot, BlockRoots roots)
    {
        if (roots.BlockId != snapshot.BlockId || roots.Version != snapshot.Version)
            return $"roots for block {roots.BlockId} version {roots.Version} answer a snapshot of block {snapshot.BlockId} version {snapshot.Version}";
        if (roots.Factors.Count != snapshot.Factors.Count)
            return $"{roots.Factors.Count} roots for {snapshot.Factors.Count} factors";
        for (var f = 0; f < roots.Factors.Count; f++)
        {
            var factor = roots.Factors[f];
            if (!factor.Accepted || factor.Root is null)
                return $"factor {f} rejected (residual {factor.Diagnostics.Residual:G3})";
            var n = snapshot.Factors[f].Size;
            if (factor.Root.Length != n * n)
                return $"factor {f} holds {factor.Root.Length} values, not {n}×{n}";
            foreach (var value in factor.Root)
            {
                if (!double.IsFinite(value))
                    return $"factor {f} has a non-finite entry";
            }
        }
        return null;
    }
}
