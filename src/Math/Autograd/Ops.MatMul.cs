using ShampooActors.Math.Linalg;

namespace ShampooActors.Math;

public static partial class Ops
{
    /// <summary>Matrix product of a [m, k] and b [k, n] through sgemm.</summary>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        RequireRank(a, 2, "matmul", "a");
        RequireRank(b, 2, "matmul", "b");
        int m = a.Dim(0), k = a.Dim(1), n = b.Dim(1);
        if (b.Dim(0) != k)
            throw new ArgumentException($"matmul: inner dimensions differ, {Shapes.Format(a.Shape)} × {Shapes.Format(b.Shape)}");
        var c = Tensor.Uninitialized([m, n]);
        Blas.Sgemm(false, false, m, n, k, 1f, a.Data, k, b.Data, n, 0f, c.Data, n);
        return Tracks(a, b) ? Record(new MatMulNode(a, b), c) : c;
    }

    private sealed class MatMulNode(Tensor a, Tensor b) : TapeNode
    {
        public override void Backward(ReadOnlySpan<float> dc)
        {
            int m = a.Dim(0), k = a.Dim(1), n = b.Dim(1);
            if (a.RequiresGrad)
            {
                var da = a.AcquireGrad(out var acc);
                Blas.Sgemm(false, true, m, k, n, 1f, dc, n, b.Data, n, acc ? 1f : 0f, da, k);
            }
            if (b.RequiresGrad)
            {
                var db = b.AcquireGrad(out var acc);
                Blas.Sgemm(true, false, k, n, m, 1f, a.Data, k, dc, n, acc ? 1f : 0f, db, n);
            }
        }
    }

    /// <summary>
    /// Affine map y = x·Wᵀ + b (torch.nn.functional.linear): x [..., in], weight [out, in], bias [out] or null.
    /// One sgemm with the transpose as a BLAS flag; the bias is written first and accumulated into.
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        RequireRank(weight, 2, "linear", "weight");
        if (x.Rank < 1 || x.Dim(-1) != weight.Dim(1))
            throw new ArgumentException($"linear: input {Shapes.Format(x.Shape)} does not end in weight's in-features {weight.Dim(1)}");
        int inF = weight.Dim(1), outF = weight.Dim(0), rows = x.Length / System.Math.Max(inF, 1);
        if (bias is not null && (bias.Rank != 1 || bias.Length != outF))
            throw new ArgumentException($"linear: bias shape {Shapes.Format(bias.Shape)} should be [{outF}]");
        var shape = x.ShapeArray();
        shape[^1] = outF;
        var y = Tensor.Uninitialized(shape);
        var yd = y.Data;
        if (bias is not null)
        {
            var bd = bias.Data;
            for (var r = 0; r < rows; r++)
                bd.CopyTo(yd.Slice(r * outF, outF));
        }
        Blas.Sgemm(false, true, rows, outF, inF, 1f, x.Data, inF, weight.Data, inF, bias is null ? 0f : 1f, yd, outF);
        var tracks = Recording && (x.RequiresGrad || weight.RequiresGrad || bias?.RequiresGrad == true);
        return tracks ? Record(new LinearNode(x, weight, bias, rows), y) : y;
    }

    private sealed class LinearNode(Tensor x, Tensor w, Tensor? bias, int rows) : TapeNode
    {
        public override void Backward(ReadOnlySpan<float> dy)
        {
            int inF = w.Dim(1), outF = w.Dim(0);
            if (x.RequiresGrad)
            {
                var dx = x.AcquireGrad(out var acc);
                Blas.Sgemm(false, false, rows, inF, outF, 1f, dy, outF, w.Data, inF, acc ? 1f : 0f, dx, inF);
            }
            if (w.RequiresGrad)
            {
                var dw = w.AcquireGrad(out var acc);
                Blas.Sgemm(true, false, outF, inF, rows, 1f, dy, outF, x.Data, inF, acc ? 1f : 0f, dw, inF);
            }
            if (bias?.RequiresGrad == true)
            {
                var db = bias.AcquireGrad(out var acc);
                Kernels.StoreColumnSums(dy, rows, outF, db, acc);
            }
        }
    }
}
