namespace ShampooActors.Math.Optim;

public sealed partial class Shampoo
{
    private readonly List<StatisticsSnapshot> _pending = [];

    /// <summary>
    /// The snapshots that fell due since the last call (external mode), oldest first, and forgets them. A block's newer
    /// snapshot replaces an older one still waiting here.
    /// </summary>
    public IReadOnlyList<StatisticsSnapshot> TakeSnapshots()
    {
        var taken = _pending.ToArray();
        _pending.Clear();
        return taken;
    }

    /// <summary>A snapshot of block <paramref name="blockId"/>'s statistics now, versioned with its parameter's step.</summary>
    public StatisticsSnapshot Snapshot(int blockId)
    {
        var block = BlockAt(blockId);
        var state = StateAt(block.ParameterIndex) ?? throw new InvalidOperationException($"block {blockId} has no statistics yet: its parameter has not been stepped");
        var plan = _plans[block.ParameterIndex].BoundTo(state);
        var options = plan.Options;
        var scale = 1.0;
        if (options.BiasCorrection && options.Beta2 < 1)
            scale = 1 / (1 - System.Math.Pow(options.Beta2, state.Step / options.StatisticsEvery));
        var factors = new FactorStatistics[block.FactorDims.Count];
        for (var f = 0; f < factors.Length; f++)
        {
            var n = block.FactorSize(f);
            var h = block.Statistic(f).Data;
            var matrix = new double[n * n];
            // The statistic lives in its upper triangle (syrk); the snapshot is the full symmetric matrix.
            for (var r = 0; r < n; r++)
            {
                for (var c = r; c < n; c++)
                    matrix[r * n + c] = matrix[c * n + r] = scale * h[r * n + c];
            }
            factors[f] = new FactorStatistics(n, plan.Blocking.Exponent, matrix);
        }
        return new StatisticsSnapshot(blockId, state.Step, factors, options.Roots);
    }

    /// <summary>
    /// Adopts <paramref name="roots"/> for their block when every factor was accepted, the shapes match, and their version is
    /// newer than the one in use and not after the block's current step; returns whether they were adopted. Rejected or
    /// older roots never replace the ones in use.
    /// </summary>
    public bool TryAdoptRoots(BlockRoots roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var block = BlockAt(roots.BlockId);
        if (roots.Factors.Count != block.FactorDims.Count)
            throw new ArgumentException($"roots for block {roots.BlockId} have {roots.Factors.Count} factors, the block has {block.FactorDims.Count}");
        for (var f = 0; f < roots.Factors.Count; f++)
            RootStatistics.Record(block.FactorSize(f), roots.Factors[f].Diagnostics, roots.Factors[f].Accepted);
        var state = StateAt(block.ParameterIndex);
        var adopted = state is not null && roots.Accepted && roots.Version > BlockVersion(block, state) && roots.Version <= state.Step;
        if (adopted)
        {
            for (var f = 0; f < roots.Factors.Count; f++)
            {
                var n = block.FactorSize(f);
                var root = roots.Factors[f].Root!;
                if (root.Length != n * n)
                    throw new ArgumentException($"root {f} of block {roots.BlockId} holds {root.Length} values, the factor is {n}×{n}");
            }
            for (var f = 0; f < roots.Factors.Count; f++)
            {
                var target = block.Root(f).Data;
                var root = roots.Factors[f].Root!;
                for (var k = 0; k < root.Length; k++)
                    target[k] = (float)root[k];
            }
            block.SetVersion(roots.Version);
        }
        RootStatistics.RecordOffer(adopted);
        return adopted;
    }

    /// <summary>The version of the roots block <paramref name="blockId"/> uses (0 while they are the identity).</summary>
    public long RootVersion(int blockId)
    {
        var block = BlockAt(blockId);
        return StateAt(block.ParameterIndex) is { } state ? BlockVersion(block, state) : 0;
    }

    /// <summary>How many steps old block <paramref name="blockId"/>'s roots are: its parameter's step − their version.</summary>
    public long Staleness(int blockId)
    {
        var block = BlockAt(blockId);
        return StateAt(block.ParameterIndex) is { } state ? state.Step - BlockVersion(block, state) : 0;
    }

    /// <summary>Every block's snapshot goes to the pending list (external) or through the root function and adoption (inline).</summary>
    private void RootsDue(ShampooParameter plan)
    {
        foreach (var block in plan.Blocks)
        {
            var snapshot = Snapshot(block.Id);
            if (Mode == RootComputation.Synchronous)
            {
                TryAdoptRoots(ShampooRoots.Compute(snapshot));
                continue;
            }
            _pending.RemoveAll(s => s.BlockId == block.Id);
            _pending.Add(snapshot);
        }
    }

    private ShampooBlock BlockAt(int blockId)
    {
        if ((uint)blockId >= (uint)_blocks.Length)
            throw new ArgumentOutOfRangeException(nameof(blockId), blockId, $"this optimizer has blocks 0 to {_blocks.Length - 1}");
        return _blocks[blockId];
    }

    private long BlockVersion(ShampooBlock block, ParameterState state)
    {
        _plans[block.ParameterIndex].BoundTo(state);
        return block.Version;
    }
}
