namespace ShampooActors.Math.Optim;

/// <summary>
/// One block of one parameter at run time: it updates its factors' statistics from the gradient and preconditions the
/// gradient with its current roots. A block of rank 1 or 2 is read in place through leading dimensions; a higher-rank
/// block is gathered into a contiguous copy first.
/// </summary>
internal sealed class ShampooBlock
{
    private readonly ModeShape[] _modes;
    private readonly int[] _modeIndex;
    private Tensor[] _statistics = [];
    private Tensor[] _roots = [];
    private ParameterState? _state;

    public ShampooBlock(int id, int parameterIndex, int localIndex, IReadOnlyList<int> mergedShape, IReadOnlyList<bool> preconditioned, BlockGeometry geometry)
    {
        Id = id;
        ParameterIndex = parameterIndex;
        LocalIndex = localIndex;
        Geometry = geometry;
        Runs = new BlockRuns(mergedShape, geometry);
        var rank = mergedShape.Count;
        InPlace = rank <= 2;
        // A vector block is read as a 1×n matrix, so both in-place cases are matrices and a vector is its last mode.
        var extent = rank == 1 ? [1, geometry.Extent[0]] : geometry.Extent;
        var shift = rank == 1 ? 1 : 0;
        var modes = new List<ModeShape>();
        var indices = new List<int>();
        for (var d = 0; d < rank; d++)
        {
            if (!preconditioned[d])
                continue;
            modes.Add(ModeShape.Of(extent, d + shift));
            indices.Add(d);
        }
        _modes = modes.ToArray();
        _modeIndex = indices.ToArray();
    }

    /// <summary>The block's id, unique across the optimizer.</summary>
    public int Id { get; }

    /// <summary>The flat position of the block's parameter across groups.</summary>
    public int ParameterIndex { get; }

    /// <summary>The block's position among its parameter's blocks (its state names use it).</summary>
    private int LocalIndex { get; }

    /// <summary>Where the block sits in the merged shape.</summary>
    public BlockGeometry Geometry { get; }

    /// <summary>The block's contiguous runs in the parameter.</summary>
    public BlockRuns Runs { get; }

    /// <summary>Whether the block is read in place (rank ≤ 2) rather than gathered.</summary>
    private bool InPlace { get; }

    /// <summary>Whether the block's region of the update is the grafted update alone (a runtime switch, not saved state).</summary>
    public bool GraftOnly { get; set; }

    /// <summary>The merged dims that have a factor, in order.</summary>
    public IReadOnlyList<int> FactorDims => _modeIndex;

    /// <summary>The size of each factor, in order.</summary>
    public int FactorSize(int factor) => _modes[factor].Di;

    /// <summary>The version of the roots in use (the step whose statistics they came from; 0 = the identity).</summary>
    public long Version => _state!.CounterSlot(VersionSlot);

    /// <summary>The counter slot holding <see cref="Version"/>.</summary>
    public int VersionSlot { get; private set; }

    /// <summary>The float32 statistic of factor <paramref name="factor"/> (live; only its upper triangle is kept).</summary>
    public Tensor Statistic(int factor) => _statistics[factor];

    /// <summary>The float32 root of factor <paramref name="factor"/> (live).</summary>
    public Tensor Root(int factor) => _roots[factor];

    /// <summary>The state buffer name of the statistic of merged dim <paramref name="dim"/> of block <paramref name="localIndex"/>.</summary>
    public static string StatisticName(int localIndex, int dim) => $"block{localIndex}.statistics{dim}";

    /// <summary>The state buffer name of the root of merged dim <paramref name="dim"/> of block <paramref name="localIndex"/>.</summary>
    public static string RootName(int localIndex, int dim) => $"block{localIndex}.root{dim}";

    /// <summary>The state counter name of the block's root version.</summary>
    public static string VersionName(int localIndex) => $"block{localIndex}.version";

    /// <summary>Points the block at its buffers in <paramref name="state"/>.</summary>
    public void Bind(ParameterState state)
    {
        _state = state;
        _statistics = _modeIndex.Select(d => state.Buffer(StatisticName(LocalIndex, d))).ToArray();
        _roots = _modeIndex.Select(d => state.Buffer(RootName(LocalIndex, d))).ToArray();
        VersionSlot = state.CounterNames.ToList().IndexOf(VersionName(LocalIndex));
    }

    /// <summary>Sets the version of the roots in use.</summary>
    public void SetVersion(long version) => _state!.CounterSlot(VersionSlot) = version;

    /// <summary>H ← w₁·H + w₂·G⁽ⁱ⁾G⁽ⁱ⁾ᵀ for every factor, from the gradient <paramref name="gradient"/> of the whole parameter.</summary>
    public void UpdateStatistics(ReadOnlySpan<float> gradient, Span<float> gather, float w1, float w2)
    {
        if (InPlace)
        {
            for (var f = 0; f < _modes.Length; f++)
                ModeProducts.AccumulateGram(gradient, Runs.First, _modes[f], 0, Runs.RowStride, _statistics[f].Data, w1, w2);
            return;
        }
        Runs.Gather(gradient, gather);
        for (var f = 0; f < _modes.Length; f++)
        {
            var mode = _modes[f];
            ModeProducts.AccumulateGram(gather, 0, mode, mode.ContiguousSliceStride, mode.ContiguousLd, _statistics[f].Data, w1, w2);
        }
    }

    /// <summary>Writes G ×₁ X₁ … ×ₖ Xₖ for this block into its place in <paramref name="direction"/>, using three scratch buffers of at least the block's size.</summary>
    public void Precondition(ReadOnlySpan<float> gradient, Span<float> direction, Span<float> gather, Span<float> ping, Span<float> pong)
    {
        ReadOnlySpan<float> source = gradient;
        int sourceStart = Runs.First, sourceLd = Runs.RowStride;
        var sourceContiguous = false;
        if (!InPlace)
        {
            Runs.Gather(gradient, gather);
            source = gather;
            sourceStart = 0;
            sourceContiguous = true;
        }
        for (var f = 0; f < _modes.Length; f++)
        {
            var mode = _modes[f];
            var last = f == _modes.Length - 1;
            var target = f % 2 == 0 ? ping : pong;
            var toParameter = last && InPlace;
            var destination = toParameter ? direction : target;
            int destinationStart = toParameter ? Runs.First : 0, destinationLd = toParameter ? Runs.RowStride : mode.ContiguousLd;
            ModeProducts.Multiply(_roots[f].Data, mode,
                source, sourceStart, sourceContiguous ? mode.ContiguousSliceStride : 0, sourceContiguous ? mode.ContiguousLd : sourceLd,
                destination, destinationStart, mode.ContiguousSliceStride, destinationLd);
            if (last && !InPlace)
                Runs.Scatter(target, direction);
            source = target;
            sourceStart = 0;
            sourceContiguous = true;
        }
    }
}
