using System.Numerics;
using System.Runtime.CompilerServices;

namespace ShampooActors.Math.Optim;

/// <summary>
/// PyTorch's float32 <c>lerp(start, end, w)</c>: start + w·(end − start) when |w| &lt; 0.5, else end − (end − start)·(1 − w),
/// which is exact at w = 1. The weight is a step constant, so the branch is decided once per loop.
/// </summary>
internal readonly struct Lerp
{
    private readonly float _weight;
    private readonly float _oneMinusWeight;
    private readonly bool _small;

    /// <summary>A lerp by <paramref name="weight"/> (a double, rounded to float32 as PyTorch does for a Python scalar).</summary>
    public Lerp(double weight)
    {
        _weight = (float)weight;
        _oneMinusWeight = 1f - _weight;
        _small = MathF.Abs(_weight) < 0.5f;
    }

    /// <summary>One vector of elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Apply(Vector<float> start, Vector<float> end) =>
        _small ? start + new Vector<float>(_weight) * (end - start) : end - (end - start) * new Vector<float>(_oneMinusWeight);
}
