using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Optim;

public sealed partial class Shampoo
{
    /// <summary>
    /// Switches block <paramref name="blockId"/> to graft-only (or back): from start-preconditioning-step on, its region of
    /// the update is the grafted update D itself, unscaled and not preconditioned, as in the steps before it; the other
    /// blocks of its parameter stay preconditioned, their grafting norms (per parameter) taken over them alone. With grafting
    /// kind None, D is the gradient, so a graft-only block takes the plain SGD step. Statistics and snapshots go on as
    /// before. A runtime switch: not in <see cref="Optimizer.StateDict"/>, kept across a load that leaves the blocks as they were.
    /// </summary>
    public void SetGraftOnly(int blockId, bool graftOnly)
    {
        var block = BlockAt(blockId);
        if (block.GraftOnly == graftOnly)
            return;
        block.GraftOnly = graftOnly;
        _plans[block.ParameterIndex].RefreshGraftOnly();
    }

    /// <summary>Whether block <paramref name="blockId"/> is graft-only (see <see cref="SetGraftOnly"/>).</summary>
    public bool IsGraftOnly(int blockId) => BlockAt(blockId).GraftOnly;

    /// <summary>
    /// Grafting with some blocks graft-only, baked into <paramref name="direction"/> (scale 1 returned): the preconditioned
    /// blocks take the grafted magnitude per block, or one factor ‖D‖/(‖P‖ + 1e-16) over all of them (per parameter), or stay
    /// P (kind None); the graft-only blocks' regions are overwritten with D.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float GraftMixed(ShampooParameter plan, float[] direction, float[] graft)
    {
        var options = plan.Options.Grafting;
        if (options.Kind != GraftingKind.None)
        {
            if (options.Norm == GraftNorm.Block)
                ScaleEachBlock(plan.Preconditioned, direction, graft);
            else
            {
                double graftSquares = 0, directionSquares = 0;
                foreach (var block in plan.Preconditioned)
                {
                    graftSquares += block.Runs.SumOfSquares(graft);
                    directionSquares += block.Runs.SumOfSquares(direction);
                }
                var factor = (float)(System.Math.Sqrt(graftSquares) / (System.Math.Sqrt(directionSquares) + 1e-16));
                foreach (var block in plan.Preconditioned)
                    block.Runs.Scale(direction, factor);
            }
        }
        foreach (var block in plan.GraftOnly)
            block.Runs.Copy(graft, direction);
        return 1;
    }

    /// <summary>Carries the graft-only switches over from <paramref name="previous"/> blocks when re-planning left every block as it was.</summary>
    private void KeepGraftOnly(ShampooBlock[] previous)
    {
        if (previous.Length != _blocks.Length || !previous.Any(b => b.GraftOnly))
            return;
        for (var b = 0; b < previous.Length; b++)
        {
            var (old, now) = (previous[b].Geometry, _blocks[b].Geometry);
            if (previous[b].ParameterIndex != _blocks[b].ParameterIndex || !old.Offset.AsSpan().SequenceEqual(now.Offset) || !old.Extent.AsSpan().SequenceEqual(now.Extent))
                return;
        }
        for (var b = 0; b < previous.Length; b++)
            _blocks[b].GraftOnly = previous[b].GraftOnly;
        foreach (var plan in _plans)
            plan.RefreshGraftOnly();
    }
}
