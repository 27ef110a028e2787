namespace ShampooActors.Math;

public partial class Tensor
{
    /// <summary>A zero-filled tensor of the given shape.</summary>
    public static Tensor Zeros(params int[] shape) => new(shape);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var t = new Tensor(shape);
        t.Data.Fill(value);
        return t;
    }

    /// <summary>A 0-dimensional tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(float value) => Full(value);

    /// <summary>A tensor over <paramref name="data"/> without copying it (like torch.from_numpy): writes show through.</summary>
    public static Tensor FromArray(float[] data, params int[] shape)
    {
        Shapes.Validate(shape);
        if (Shapes.Count(shape) != data.Length)
            throw new ArgumentException($"{data.Length} elements cannot have shape {Shapes.Format(shape)}");
        return new Tensor(new Storage(data), 0, (int[])shape.Clone());
    }

    /// <summary>A tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor FromValues(ReadOnlySpan<float> values, params int[] shape)
    {
        var t = new Tensor(shape);
        if (values.Length != t.Length)
            throw new ArgumentException($"{values.Length} elements cannot have shape {Shapes.Format(shape)}");
        values.CopyTo(t.Data);
        return t;
    }

    /// <summary>A tensor with elements drawn uniformly from [low, high) by <paramref name="rng"/>.</summary>
    public static Tensor Uniform(SplitMix64 rng, float low, float high, params int[] shape)
    {
        var t = new Tensor(shape);
        rng.FillUniform(t.Data, low, high);
        return t;
    }

    /// <summary>A result tensor for an operation: tape memory while a tape records, a fresh array otherwise.</summary>
    internal static Tensor Uninitialized(int[] shape) =>
        GradientTape.Current?.NewTensor(shape) ?? new Tensor(shape);
}
