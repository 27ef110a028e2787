namespace ShampooActors.Math;

/// <summary>How one operand of a binary operation covers the output.</summary>
internal enum Coverage
{
    /// <summary>Same shape as the output.</summary>
    Full,
    /// <summary>One element, used for every output element.</summary>
    Scalar,
    /// <summary>Equal to the output's trailing dimensions, repeated over the leading (batch) rows.</summary>
    Rows,
}

/// <summary>
/// How two operand shapes combine: equal shapes; one operand with one element; or one operand equal to the
/// other's trailing dimensions, repeated over the leading (batch) rows.
/// </summary>
internal readonly record struct Broadcast(int[] OutputShape, Coverage A, Coverage B, int Inner)
{
    public static Broadcast Of(Tensor a, Tensor b, string op)
    {
        if (a.Shape.SequenceEqual(b.Shape))
            return new(a.ShapeArray(), Coverage.Full, Coverage.Full, a.Length);
        if (b.Length == 1)
            return new(a.ShapeArray(), Coverage.Full, Coverage.Scalar, 1);
        if (a.Length == 1)
            return new(b.ShapeArray(), Coverage.Scalar, Coverage.Full, 1);
        if (a.Rank > b.Rank && a.Shape[(a.Rank - b.Rank)..].SequenceEqual(b.Shape))
            return new(a.ShapeArray(), Coverage.Full, Coverage.Rows, b.Length);
        if (b.Rank > a.Rank && b.Shape[(b.Rank - a.Rank)..].SequenceEqual(a.Shape))
            return new(b.ShapeArray(), Coverage.Rows, Coverage.Full, a.Length);
        throw new ArgumentException(
            $"{op}: cannot broadcast {Shapes.Format(a.Shape)} with {Shapes.Format(b.Shape)} " +
            "(shapes must match, one must have one element, or one must equal the other's trailing dimensions)");
    }
}
