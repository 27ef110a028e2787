namespace ShampooActors.Math;

/// <summary>Shape arithmetic and formatting shared by tensors and operations.</summary>
internal static class Shapes
{
    public static int Count(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape)
            n *= d;
        if (n > Array.MaxLength)
            throw new ArgumentException($"shape {Format(shape)} has too many elements");
        return (int)n;
    }

    public static int[] Validate(int[] shape)
    {
        foreach (var d in shape)
        {
            if (d < 0)
                throw new ArgumentException($"shape {Format(shape)} has a negative dimension");
        }
        return shape;
    }

    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
