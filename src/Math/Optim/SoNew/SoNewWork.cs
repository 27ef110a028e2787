using System.Runtime.CompilerServices;
using ShampooActors.Math.Linalg;

namespace ShampooActors.Math.Optim;

/// <summary>
/// One SONew parameter's passes of one step, split into fixed ranges that <see cref="BlasParallel"/> runs one per core: a
/// large parameter gets <see cref="Parts"/> halves, a small one a single range. The split depends only on the parameter's
/// length and every element gets the same float32 operations whichever range holds it (the chain's coupling across a split
/// is recomputed from the neighbour's inputs), and per-range partial sums are combined in range order, so a step's result
/// does not depend on how many cores ran it. The caller pins the spans for the duration of each pass; the object is reused
/// every step, so a step allocates nothing.
/// </summary>
internal sealed unsafe class SoNewWork : IBlasWork
{
    /// <summary>Parameters at least this long are split (below it a pass is too short to pay for a hand-off).</summary>
    public const int SplitThreshold = 32768;

    /// <summary>The number of ranges a split parameter gets.</summary>
    public const int Parts = 2;

    private readonly float[][] _scratch;
    private readonly double[] _sums = new double[Parts];
    private readonly float[] _maxima = new float[Parts];
    private Pass _pass;
    private int _n, _b;
    private float* _p, _g, _m, _d, _e1, _e2, _e3, _e4, _graft0, _graft1, _u;
    private SoNewStatistics _statistics;
    private float _damping;
    private SoNewStepRule _rule;

    public SoNewWork()
    {
        _scratch = new float[Parts][];
        for (var w = 0; w < Parts; w++)
            _scratch[w] = new float[BandedDirection.ScratchLength];
    }

    private enum Pass
    {
        Statistics,
        Direction,
        Update,
    }

    /// <summary>How many ranges a parameter of <paramref name="n"/> elements is split into.</summary>
    public static int RangesFor(int n) => n >= SplitThreshold ? Parts : 1;

    /// <summary>Points the passes at one parameter's pinned buffers (length n; absent ones null) and band b (1: tridiagonal).</summary>
    public void Bind(int n, int b, float* p, float* g, float* m, float* d, float* e1, float* e2, float* e3, float* e4, float* graft0, float* graft1, float* u)
    {
        _n = n;
        _b = b;
        _p = p;
        _g = g;
        _m = m;
        _d = d;
        _e1 = e1;
        _e2 = e2;
        _e3 = e3;
        _e4 = e4;
        _graft0 = graft0;
        _graft1 = graft1;
        _u = u;
    }

    /// <summary>The fused statistics pass (and the farther off-diagonals); returns Σ D² of the graft and max d.</summary>
    public (double GraftSumOfSquares, float MaxDiagonal) Statistics(SoNewStatistics statistics)
    {
        _statistics = statistics;
        var ranges = Run(Pass.Statistics);
        var (sum, max) = (0.0, 0f);
        for (var r = 0; r < ranges; r++)
        {
            sum += _sums[r];
            max = MathF.Max(max, _maxima[r]);
        }
        return (sum, max);
    }

    /// <summary>ũ into u; returns Σ ũ².</summary>
    public double Direction(float damping)
    {
        _damping = damping;
        var ranges = Run(Pass.Direction);
        var sum = 0.0;
        for (var r = 0; r < ranges; r++)
            sum += _sums[r];
        return sum;
    }

    /// <summary>θ ← θ·(1 − lr·λ) − step·ũ.</summary>
    public void Update(SoNewStepRule rule)
    {
        _rule = rule;
        Run(Pass.Update);
    }

    private int Run(Pass pass)
    {
        _pass = pass;
        var ranges = RangesFor(_n);
        if (ranges == 1)
            Execute(0, 0);
        else
            BlasParallel.For(ranges, this, callsBlas: false);
        return ranges;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Execute(int item, int worker)
    {
        var ranges = RangesFor(_n);
        // Split points on multiples of 64 elements, so every range but the last starts and ends on whole vectors.
        var lo = item == 0 ? 0 : (int)((long)_n * item / ranges) & ~63;
        var hi = item == ranges - 1 ? _n : (int)((long)_n * (item + 1) / ranges) & ~63;
        switch (_pass)
        {
            case Pass.Statistics:
                var (sum, max) = _statistics.Run(Span(_g), Span(_m), Span(_d), Span(_e1), Span(_graft0), Span(_graft1), lo, hi);
                if (_b > 1)
                    _statistics.UpdateOffDiagonals(Span(_g), Span(_e2), Span(_e3), Span(_e4), lo, hi);
                (_sums[item], _maxima[item]) = (sum, max);
                break;
            case Pass.Direction:
                _sums[item] = _b == 1
                    ? TridiagonalDirection.Run(Span(_d), Span(_e1), Span(_m), _damping, Span(_u), lo, hi)
                    : BandedDirection.Run(new BandSpans(Span(_d), Span(_e1), Span(_e2), Span(_e3), Span(_e4)), _b, _damping, Span(_m), Span(_u), lo, hi,
                        _scratch[worker]);
                break;
            default:
                ElementwiseUpdate.Run(_rule, Span(_p)[lo..hi], Span(_u)[lo..hi]);
                break;
        }
    }

    private Span<float> Span(float* pointer) => pointer == null ? default : new Span<float>(pointer, _n);
}
