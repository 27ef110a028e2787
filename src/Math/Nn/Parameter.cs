namespace ShampooActors.Math.Nn;

/// <summary>A learnable tensor: a leaf that requires grad and owns its memory and its gradient.</summary>
public sealed class Parameter : Tensor
{
    /// <summary>A zero-filled parameter of the given shape.</summary>
    public Parameter(params int[] shape) : base(shape) => RequiresGrad = true;

    /// <summary>A parameter holding a copy of <paramref name="values"/>.</summary>
    public Parameter(ReadOnlySpan<float> values, params int[] shape) : this(shape)
    {
        if (values.Length != Length)
            throw new ArgumentException($"{values.Length} values cannot fill a parameter of {Length} elements");
        values.CopyTo(Data);
    }
}
