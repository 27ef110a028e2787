using System.Numerics.Tensors;
using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Optim;

/// <summary>
/// SONew (Devvrit et al. 2023; ALGORITHMS.md §2): per parameter, over its row-major flattening, a band statistic
/// H = EMA(g·gᵀ) restricted to b off-diagonals and the direction u = X·m̂, X the sparse inverse of H's
/// max-determinant completion (<see cref="TridiagonalFactor"/>, <see cref="BandedFactor"/>), grafted onto a diagonal
/// method's per-parameter norm, with decoupled weight decay; 1-D parameters may get plain Adam instead.
/// <para>
/// Bias corrections and damping are folded into scalars: with κ₁ = 1 − β₁ᵗ, κ₂ = 1 − β₂ᵗ, X(H/κ₂ + ε·max(H/κ₂)·I) =
/// κ₂·X(H + ε·max(H)·I) and the edge-drop and shrink rules are scale-invariant, so the kernels work on the raw state and
/// u = (κ₂/κ₁)·X(H + δI)·m. The damping δ = ε·max_j H_jj: for a statistic whose windows are positive semidefinite,
/// |H_ij| ≤ max_j H_jj, so this is the largest entry of H (the entrywise ∞-norm), within a factor 2b + 1 of the
/// row-sum ∞-norm, and it needs no neighbour reads in the fused statistics pass.
/// </para>
/// <para>
/// State per SONew parameter, each buffer shaped like it: <c>exp_avg</c> (m), <c>band_diag</c> (H_jj),
/// <c>band_off_k</c> for k = 1..b (H_{j,j+k} at j; the last k elements unused), then the graft's buffers (an Adam graft with
/// SONew's β₁ uses <c>exp_avg</c> as its first moment and keeps only <c>graft_exp_avg_sq</c>). A 1-D
/// parameter under Adam has <c>exp_avg</c> and <c>exp_avg_sq</c>. <see cref="SoNewStructure.Banded"/> with b = 1 runs the
/// tridiagonal kernel, so it is the tridiagonal method exactly, edge-drop rule included.
/// </para>
/// </summary>
public sealed class SoNew : Optimizer<SoNewOptions>
{
    private static readonly string[] AdamNames = ["exp_avg", "exp_avg_sq"];
    private const string GraftMomentumName = "graft_exp_avg";

    private float[] _psi = [];
    private float[] _invC = [];
    private float[] _w = [];
    private float[] _u = [];
    private float[] _work = [];
    private float[] _band = [];
    private readonly SoNewWork _passes = new();

    /// <summary>SONew over <paramref name="parameters"/> with <paramref name="options"/> (defaults when null).</summary>
    public SoNew(IEnumerable<Parameter> parameters, SoNewOptions? options = null) : base(parameters, options ?? new SoNewOptions())
    {
    }

    /// <summary>SONew over parameter groups, each overriding <paramref name="defaults"/> (defaults when null).</summary>
    public SoNew(IEnumerable<ParamGroupSpec<SoNewOptions>> groups, SoNewOptions? defaults = null) : base(groups, defaults ?? new SoNewOptions())
    {
    }

    /// <summary>The number of off-diagonals the statistic keeps under <paramref name="options"/>.</summary>
    internal static int BandOf(SoNewOptions options) => options.Structure == SoNewStructure.Banded ? options.Band : 1;

    /// <inheritdoc />
    protected override string[] StateBufferNames(SoNewOptions options)
    {
        var names = new List<string> { "exp_avg", "band_diag" };
        for (var k = 1; k <= BandOf(options); k++)
            names.Add($"band_off_{k}");
        names.AddRange(GraftRule.StateNames(options.Grafting.Kind).Where(n => !(SharesMomentum(options) && n == GraftMomentumName)));
        return names.ToArray();
    }

    /// <summary>Whether an Adam graft's first moment is SONew's momentum itself (equal β₁: the same buffer, bit for bit).</summary>
    private static bool SharesMomentum(SoNewOptions options) => options.Grafting is { Kind: GraftingKind.Adam } g && g.Beta1 == options.Beta1;

    /// <inheritdoc />
    protected override string[] StateBufferNames(SoNewOptions options, int[] parameterShape) =>
        options.AdamForVectors && parameterShape.Length <= 1 ? AdamNames : StateBufferNames(options);

    /// <inheritdoc />
    protected override unsafe void Update(Span<float> parameter, ReadOnlySpan<float> gradient, ParameterState state, SoNewOptions options, double lr)
    {
        var grafting = options.Grafting;
        if (state.BufferNames[1] == AdamNames[1])
        {
            AdamKernel.Update(parameter, gradient, state.Slot(0), state.Slot(1), default, state.Step, lr,
                grafting.Beta1, grafting.Beta2, grafting.Epsilon, options.WeightDecay, decoupled: true, amsgrad: false, maximize: false);
            return;
        }

        var n = parameter.Length;
        var b = BandOf(options);
        Reserve(n, b == 1 ? 0 : b);
        var graftSlot = 2 + b;
        var graftBuffers = state.BufferNames.Count - graftSlot;
        var gradientScale = 1f;
        if (GraftRule.IsNormalized(grafting.Kind))
        {
            var norm = TensorPrimitives.Norm(gradient);
            gradientScale = norm > 0 ? 1 / norm : 0;
        }
        var statistics = new SoNewStatistics(options.Beta1, options.Beta2, new GraftRule(grafting, state.Step, gradientScale),
            grafting.Kind != GraftingKind.None, SharesMomentum(options));
        var m = state.Slot(0);
        var d = state.Slot(1);
        var graft0 = graftBuffers > 0 ? state.Slot(graftSlot) : default;
        var graft1 = graftBuffers > 1 ? state.Slot(graftSlot + 1) : default;
        var u = _u.AsSpan(0, n);
        double graftSquares, squares;
        if (b <= BandedDirection.MaxBand)
        {
            // Three passes, each split over the cores for a large parameter: statistics, direction, update.
            fixed (float* pp = parameter, pg = gradient, pm = m, pd = d, pu = u, pg0 = graft0, pg1 = graft1)
            fixed (float* e1 = state.Slot(2), e2 = b > 1 ? state.Slot(3) : default, e3 = b > 2 ? state.Slot(4) : default, e4 = b > 3 ? state.Slot(5) : default)
            {
                _passes.Bind(n, b, pp, pg, pm, pd, e1, e2, e3, e4, pg0, pg1, pu);
                (graftSquares, var maxDiagonal) = _passes.Statistics(statistics);
                squares = _passes.Direction((float)(options.Epsilon * maxDiagonal));
                _passes.Update(StepRule(options, state.Step, lr, graftSquares, squares));
                _passes.Bind(0, 0, null, null, null, null, null, null, null, null, null, null, null);
            }
            return;
        }

        var (graftSum, maxD) = statistics.Run(gradient, m, d, state.Slot(2), graft0, graft1, 0, n);
        graftSquares = graftSum;
        var damping = (float)(options.Epsilon * maxD);
        for (var k = 2; k <= b; k++)
            statistics.UpdateOffDiagonal(gradient, state.Slot(1 + k), k);
        var psi = _psi.AsSpan(0, n * b);
        var invC = _invC.AsSpan(0, n);
        var band = _band.AsSpan(0, n * (b + 1));
        for (var k = 0; k <= b; k++)
        {
            var source = state.Slot(1 + k);
            for (var j = 0; j < n; j++)
                band[j * (b + 1) + k] = source[j];
        }
        BandedFactor.Factor(new InterleavedBand(_band, b + 1), n, b, damping, psi, invC, _work);
        squares = BandedFactor.Apply<float>(psi, invC, b, m, _w.AsSpan(0, n), u);
        ElementwiseUpdate.Run(StepRule(options, state.Step, lr, graftSquares, squares), parameter, u);
    }

    /// <summary>The last pass's rule: the bias corrections without a graft, else the graft's norm over the direction's.</summary>
    private static SoNewStepRule StepRule(SoNewOptions options, long step, double lr, double graftSquares, double squares)
    {
        double scale;
        if (options.Grafting.Kind == GraftingKind.None)
            scale = (1 - System.Math.Pow(options.Beta2, step)) / (1 - System.Math.Pow(options.Beta1, step));
        else
            scale = squares > 0 ? System.Math.Sqrt(graftSquares / squares) : 0;
        return new SoNewStepRule(1 - lr * options.WeightDecay, lr * scale);
    }

    /// <summary>Grows the scratch buffers to a parameter of <paramref name="n"/> elements and band <paramref name="b"/> (0: tridiagonal).</summary>
    private void Reserve(int n, int b)
    {
        Grow(ref _u, n);
        if (b > BandedDirection.MaxBand)
        {
            Grow(ref _psi, n * b);
            Grow(ref _w, n);
            Grow(ref _invC, n);
            Grow(ref _band, n * (b + 1));
            Grow(ref _work, BandedFactor.WorkLength(b));
        }
    }

    private static void Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new float[length];
    }

    /// <summary>The band statistic copied row by row (H_jj, H_{j,j+1}, …, H_{j,j+b} at j·(b + 1)), so a window is a few cache lines.</summary>
    private readonly struct InterleavedBand(float[] data, int stride) : IBand<float>
    {
        public float At(int offset, int j) => data[j * stride + offset];
    }
}
