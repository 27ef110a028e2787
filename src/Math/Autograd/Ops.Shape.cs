namespace ShampooActors.Math;

public static partial class Ops
{
    /// <summary>The same elements under a new shape (one dimension may be −1, inferred); shares memory.</summary>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        var resolved = ResolveShape(x, shape);
        var y = x.ViewAs(resolved);
        return Tracks(x) ? Record(new ReshapeNode(x), y) : y;
    }

    private static int[] ResolveShape(Tensor x, int[] shape)
    {
        var result = (int[])shape.Clone();
        var inferred = Array.IndexOf(result, -1);
        if (inferred >= 0 && Array.LastIndexOf(result, -1) != inferred)
            throw new ArgumentException($"reshape: only one dimension of {Shapes.Format(shape)} may be -1");
        if (inferred >= 0)
        {
            result[inferred] = 1;
            var known = Shapes.Count(Shapes.Validate(result));
            if (known == 0 || x.Length % known != 0)
                throw new ArgumentException($"reshape: cannot view {Shapes.Format(x.Shape)} as {Shapes.Format(shape)}");
            result[inferred] = x.Length / known;
        }
        if (Shapes.Count(Shapes.Validate(result)) != x.Length)
            throw new ArgumentException($"reshape: cannot view {Shapes.Format(x.Shape)} ({x.Length} elements) as {Shapes.Format(shape)}");
        return result;
    }

    private sealed class ReshapeNode(Tensor x) : TapeNode
    {
        public override void Backward(ReadOnlySpan<float> dy)
        {
            var dx = x.AcquireGrad(out var acc);
            Kernels.Store(dy, dx, acc);
        }
    }

    /// <summary>The transpose of a matrix [m, n] → [n, m], as a copy (matrix products transpose through BLAS flags instead).</summary>
    public static Tensor Transpose(Tensor x)
    {
        RequireRank(x, 2, "transpose", "input");
        int m = x.Dim(0), n = x.Dim(1);
        var y = Tensor.Uninitialized([n, m]);
        TransposeInto(x.Data, m, n, y.Data, false);
        return Tracks(x) ? Record(new TransposeNode(x), y) : y;
    }

    /// <summary>dst[n, m] (=|+=) src[m, n]ᵀ, in cache-sized tiles.</summary>
    private static void TransposeInto(ReadOnlySpan<float> src, int m, int n, Span<float> dst, bool accumulate)
    {
        const int tile = 32;
        for (var i0 = 0; i0 < m; i0 += tile)
        for (var j0 = 0; j0 < n; j0 += tile)
        {
            int iEnd = System.Math.Min(i0 + tile, m), jEnd = System.Math.Min(j0 + tile, n);
            for (var i = i0; i < iEnd; i++)
            for (var j = j0; j < jEnd; j++)
            {
                if (accumulate) dst[j * m + i] += src[i * n + j];
                else dst[j * m + i] = src[i * n + j];
            }
        }
    }

    private sealed class TransposeNode(Tensor x) : TapeNode
    {
        public override void Backward(ReadOnlySpan<float> dy)
        {
            var dx = x.AcquireGrad(out var acc);
            TransposeInto(dy, x.Dim(1), x.Dim(0), dx, acc);
        }
    }

    /// <summary>Joins tensors along dimension <paramref name="dim"/>; all other dimensions must agree.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> parts, int dim)
    {
        if (parts.Count == 0)
            throw new ArgumentException("concat: no tensors given");
        var first = parts[0];
        if (dim < 0)
            dim += first.Rank;
        if (dim < 0 || dim >= first.Rank)
            throw new ArgumentException($"concat: dimension out of range for shape {Shapes.Format(first.Shape)}");
        var shape = first.ShapeArray();
        shape[dim] = 0;
        foreach (var part in parts)
        {
            if (part.Rank != first.Rank)
                throw new ArgumentException($"concat: shapes {Shapes.Format(first.Shape)} and {Shapes.Format(part.Shape)} differ in rank");
            for (var d = 0; d < first.Rank; d++)
            {
                if (d != dim && part.Dim(d) != first.Dim(d))
                    throw new ArgumentException($"concat: shapes {Shapes.Format(first.Shape)} and {Shapes.Format(part.Shape)} differ outside dimension {dim}");
            }
            shape[dim] += part.Dim(dim);
        }
        var outer = Shapes.Count(shape.AsSpan(0, dim));
        var y = Tensor.Uninitialized(shape);
        var rowWidth = y.Length / System.Math.Max(outer, 1);
        var yd = y.Data;
        var offset = 0;
        var tracks = false;
        foreach (var part in parts)
        {
            var width = part.Length / System.Math.Max(outer, 1);
            ReadOnlySpan<float> pd = part.Data;
            for (var o = 0; o < outer; o++)
                pd.Slice(o * width, width).CopyTo(yd.Slice(o * rowWidth + offset, width));
            offset += width;
            tracks |= part.RequiresGrad;
        }
        tracks &= Recording;
        return tracks ? Record(new ConcatNode(parts.ToArray(), outer, rowWidth), y) : y;
    }

    private sealed class ConcatNode(Tensor[] parts, int outer, int rowWidth) : TapeNode
    {
        public override void Backward(ReadOnlySpan<float> dy)
        {
            var offset = 0;
            foreach (var part in parts)
            {
                var width = part.Length / System.Math.Max(outer, 1);
                if (part.RequiresGrad)
                {
                    var dp = part.AcquireGrad(out var acc);
                    for (var o = 0; o < outer; o++)
                        Kernels.Store(dy.Slice(o * rowWidth + offset, width), dp.Slice(o * width, width), acc);
                }
                offset += width;
            }
        }
    }
}
