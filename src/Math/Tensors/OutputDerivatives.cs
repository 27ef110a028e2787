using System.Numerics;

namespace ShampooActors.Math;

/// <summary>An activation whose derivative is a function of its output y: Chain(y, dy) = dy·f′ expressed through y.</summary>
internal interface IOutputDerivative
{
    static abstract Vector<float> Chain(Vector<float> y, Vector<float> dy);

    static abstract float Chain(float y, float dy);
}

/// <summary>ReLU: dy where y &gt; 0, else 0.</summary>
internal readonly struct ReluDerivative : IOutputDerivative
{
    public static Vector<float> Chain(Vector<float> y, Vector<float> dy) =>
        Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), dy, Vector<float>.Zero);

    public static float Chain(float y, float dy) => y > 0f ? dy : 0f;
}

/// <summary>tanh: dy·(1 − y²).</summary>
internal readonly struct TanhDerivative : IOutputDerivative
{
    public static Vector<float> Chain(Vector<float> y, Vector<float> dy) => dy * (Vector<float>.One - y * y);

    public static float Chain(float y, float dy) => dy * (1f - y * y);
}

/// <summary>sigmoid: dy·y·(1 − y).</summary>
internal readonly struct SigmoidDerivative : IOutputDerivative
{
    public static Vector<float> Chain(Vector<float> y, Vector<float> dy) => dy * y * (Vector<float>.One - y);

    public static float Chain(float y, float dy) => dy * y * (1f - y);
}
