using System.Numerics;
using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Optim;

/// <summary>
/// The grafted diagonal method's update D for one step, per element: it writes D into the "parameter" lane and keeps
/// its own state in s0 (Σg², EMA(g²) or Adam's v) and s1 (Adam's m). Normalized kinds see g scaled by 1/‖g‖.
/// </summary>
internal readonly struct GraftRule : IElementwiseRule
{
    private readonly GraftingKind _kind;
    private readonly Vector<float> _scale, _b1, _oneMinusB1, _b2, _oneMinusB2, _bias1, _bias2Sqrt, _eps;

    public GraftRule(GraftingOptions options, long step, float gradientScale)
    {
        _kind = options.Kind;
        _scale = new(gradientScale);
        _b1 = new((float)options.Beta1);
        _oneMinusB1 = new((float)(1 - options.Beta1));
        _b2 = new((float)options.Beta2);
        _oneMinusB2 = new((float)(1 - options.Beta2));
        _bias1 = new((float)(1 / (1 - System.Math.Pow(options.Beta1, step))));
        _bias2Sqrt = new((float)System.Math.Sqrt(1 - System.Math.Pow(options.Beta2, step)));
        _eps = new((float)options.Epsilon);
    }

    /// <summary>Whether <paramref name="kind"/> sees the gradient divided by its norm.</summary>
    public static bool IsNormalized(GraftingKind kind) => kind is GraftingKind.NormalizedAdagrad or GraftingKind.NormalizedRmsProp;

    /// <summary>The state buffers <paramref name="kind"/> keeps, in slot order (s0, s1).</summary>
    public static string[] StateNames(GraftingKind kind) => kind switch
    {
        GraftingKind.Adagrad or GraftingKind.NormalizedAdagrad => ["graft_sum"],
        GraftingKind.RmsProp or GraftingKind.NormalizedRmsProp => ["graft_square_avg"],
        GraftingKind.Adam => ["graft_exp_avg_sq", "graft_exp_avg"],
        _ => [],
    };

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref Vector<float> d, Vector<float> g, ref Vector<float> s0, ref Vector<float> s1, ref Vector<float> s2)
    {
        var gk = g * _scale;
        switch (_kind)
        {
            case GraftingKind.Adagrad or GraftingKind.NormalizedAdagrad:
                s0 += gk * gk;
                d = gk / (Vector.SquareRoot(s0) + _eps);
                break;
            case GraftingKind.RmsProp or GraftingKind.NormalizedRmsProp:
                s0 = _b2 * s0 + _oneMinusB2 * gk * gk;
                d = gk / (Vector.SquareRoot(s0) + _eps);
                break;
            case GraftingKind.Adam:
                s1 = _b1 * s1 + _oneMinusB1 * gk;
                s0 = _b2 * s0 + _oneMinusB2 * gk * gk;
                d = s1 * _bias1 / (Vector.SquareRoot(s0) / _bias2Sqrt + _eps);
                break;
            default:
                d = gk;
                break;
        }
    }
}
