namespace ShampooActors.Math.Tests.Support;

/// <summary>
/// Seeded test inputs drawn with System.Random, so the data does not depend on the generator under test.
/// </summary>
internal sealed class TestRandom(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    public int Index(int count) => _random.Next(count);

    public float[] Floats(int count, double low, double high)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
            values[i] = (float)Uniform(low, high);
        return values;
    }

    /// <summary>Values whose magnitude lies in [low, high] with random sign (e.g. ReLU inputs kept away from its kink).</summary>
    public float[] AwayFromZero(int count, double low, double high)
    {
        var values = Floats(count, low, high);
        for (var i = 0; i < count; i++)
        {
            if (_random.Next(2) == 0)
                values[i] = -values[i];
        }
        return values;
    }

    public double[] Doubles(int count, double low, double high)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = Uniform(low, high);
        return values;
    }

    /// <summary>A tensor with elements uniform in [low, high).</summary>
    public Tensor Tensor(double low, double high, params int[] shape)
    {
        var t = ShampooActors.Math.Tensor.Zeros(shape);
        Floats(t.Length, low, high).CopyTo(t.Data);
        return t;
    }

    /// <summary>A leaf that requires grad, with elements uniform in [−1, 1).</summary>
    public Tensor Leaf(params int[] shape)
    {
        var t = Tensor(-1, 1, shape);
        t.RequiresGrad = true;
        return t;
    }
}
