namespace ShampooActors.Math.Optim;

/// <summary>
/// One parameter's Shampoo plan: its blocking, its blocks, where its momentum and graft state live in its
/// <see cref="ParameterState"/>, and the per-parameter work buffers (allocated once, reused every step).
/// </summary>
internal sealed class ShampooParameter
{
    public ShampooParameter(ParameterBlocking blocking, ShampooBlock[] blocks, ShampooOptions options, int length)
    {
        Blocking = blocking;
        Blocks = blocks;
        Preconditioned = blocks;
        Options = options;
        Direction = blocks.Length > 0 ? new float[length] : [];
        Graft = new float[length];
        CoupledGradient = options.WeightDecay is { Decoupled: false, Value: > 0 } ? new float[length] : [];
    }

    public ParameterBlocking Blocking { get; }

    public ShampooBlock[] Blocks { get; }

    /// <summary>The blocks that are preconditioned after start-preconditioning-step: <see cref="Blocks"/> itself unless some are graft-only.</summary>
    public ShampooBlock[] Preconditioned { get; private set; }

    /// <summary>The blocks whose region of the update is the grafted update alone (empty unless some were switched).</summary>
    public ShampooBlock[] GraftOnly { get; private set; } = [];

    public ShampooOptions Options { get; }

    /// <summary>The preconditioned direction P (empty for a parameter with no blocks).</summary>
    public float[] Direction { get; }

    /// <summary>The grafted method's update D.</summary>
    public float[] Graft { get; }

    /// <summary>g + λθ under coupled weight decay (empty otherwise).</summary>
    public float[] CoupledGradient { get; }

    /// <summary>The state the blocks and slots point into; a different one (after loading) means rebinding.</summary>
    public ParameterState? State { get; private set; }

    public int MomentumSlot { get; private set; } = -1;

    public int GraftSlot0 { get; private set; } = -1;

    public int GraftSlot1 { get; private set; } = -1;

    /// <summary>Splits <see cref="Blocks"/> into <see cref="Preconditioned"/> and <see cref="GraftOnly"/> by their switches (allocates; not per step).</summary>
    public void RefreshGraftOnly()
    {
        GraftOnly = Blocks.Where(b => b.GraftOnly).ToArray();
        Preconditioned = GraftOnly.Length == 0 ? Blocks : Blocks.Where(b => !b.GraftOnly).ToArray();
    }

    /// <summary>The names of the state buffers and counters of a parameter with this blocking under these options.</summary>
    public static StateLayout Layout(ParameterBlocking blocking, ShampooOptions options, int[] shape)
    {
        var names = new List<string>();
        var shapes = new List<int[]>();
        if (options.Momentum.Beta1 != 0)
        {
            names.Add("momentum");
            shapes.Add(shape);
        }
        foreach (var name in GraftRule.StateNames(options.Grafting.Kind))
        {
            names.Add(name);
            shapes.Add(shape);
        }
        var counters = new List<string>();
        for (var b = 0; b < blocking.Blocks.Count; b++)
        {
            var extent = blocking.Blocks[b].Extent;
            for (var d = 0; d < extent.Length; d++)
            {
                if (!blocking.PreconditionedDims[d])
                    continue;
                names.Add(ShampooBlock.StatisticName(b, d));
                shapes.Add([extent[d], extent[d]]);
                names.Add(ShampooBlock.RootName(b, d));
                shapes.Add([extent[d], extent[d]]);
            }
            counters.Add(ShampooBlock.VersionName(b));
        }
        return new StateLayout(names.ToArray(), shapes.ToArray(), counters.ToArray());
    }

    /// <summary>The plan pointed at <paramref name="state"/>, rebinding only when the state was replaced (by loading).</summary>
    public ShampooParameter BoundTo(ParameterState state)
    {
        if (!ReferenceEquals(State, state))
            Bind(state);
        return this;
    }

    /// <summary>Points the plan and its blocks at <paramref name="state"/>.</summary>
    private void Bind(ParameterState state)
    {
        State = state;
        var names = state.BufferNames.ToList();
        MomentumSlot = names.IndexOf("momentum");
        var graft = GraftRule.StateNames(Options.Grafting.Kind);
        GraftSlot0 = graft.Length > 0 ? names.IndexOf(graft[0]) : -1;
        GraftSlot1 = graft.Length > 1 ? names.IndexOf(graft[1]) : -1;
        foreach (var block in Blocks)
            block.Bind(state);
    }

    /// <summary>Sets every root of a fresh state to the identity (the roots before the first computation).</summary>
    public static void InitializeRoots(ParameterState state)
    {
        foreach (var name in state.BufferNames)
        {
            if (!name.Contains(".root", StringComparison.Ordinal))
                continue;
            var root = state.Buffer(name);
            var n = root.Shape[0];
            var data = root.Data;
            data.Clear();
            for (var i = 0; i < n; i++)
                data[i * n + i] = 1f;
        }
    }
}
