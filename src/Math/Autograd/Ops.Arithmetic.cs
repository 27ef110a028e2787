using System.Numerics.Tensors;

namespace ShampooActors.Math;

public static partial class Ops
{
    private enum Arithmetic { Add, Sub, Mul }

    /// <summary>Elementwise a + b with batch broadcasting (equal shapes, a one-element operand, or a repeated row).</summary>
    public static Tensor Add(Tensor a, Tensor b) => Binary(a, b, Arithmetic.Add);

    /// <summary>Elementwise a − b with batch broadcasting.</summary>
    public static Tensor Sub(Tensor a, Tensor b) => Binary(a, b, Arithmetic.Sub);

    /// <summary>Elementwise a · b with batch broadcasting.</summary>
    public static Tensor Mul(Tensor a, Tensor b) => Binary(a, b, Arithmetic.Mul);

    private static Tensor Binary(Tensor a, Tensor b, Arithmetic op)
    {
        var plan = Broadcast.Of(a, b, op.ToString().ToLowerInvariant());
        var c = Tensor.Uninitialized(plan.OutputShape);
        ReadOnlySpan<float> ad = a.Data, bd = b.Data;
        var cd = c.Data;
        if (plan.B == Coverage.Scalar)
        {
            var s = bd[0];
            if (op == Arithmetic.Add) TensorPrimitives.Add(ad, s, cd);
            else if (op == Arithmetic.Sub) TensorPrimitives.Subtract(ad, s, cd);
            else TensorPrimitives.Multiply(ad, s, cd);
        }
        else if (plan.A == Coverage.Scalar)
        {
            var s = ad[0];
            if (op == Arithmetic.Add) TensorPrimitives.Add(bd, s, cd);
            else if (op == Arithmetic.Sub) TensorPrimitives.Subtract(s, bd, cd);
            else TensorPrimitives.Multiply(bd, s, cd);
        }
        else
        {
            for (var start = 0; start < cd.Length; start += plan.Inner)
            {
                var ar = plan.A == Coverage.Rows ? ad : ad.Slice(start, plan.Inner);
                var br = plan.B == Coverage.Rows ? bd : bd.Slice(start, plan.Inner);
                var cr = cd.Slice(start, plan.Inner);
                if (op == Arithmetic.Add) TensorPrimitives.Add(ar, br, cr);
                else if (op == Arithmetic.Sub) TensorPrimitives.Subtract(ar, br, cr);
                else TensorPrimitives.Multiply(ar, br, cr);
            }
        }
        return Tracks(a, b) ? Record(new BinaryNode(a, b, op, plan), c) : c;
    }

    private sealed class BinaryNode(Tensor a, Tensor b, Arithmetic op, Broadcast plan) : TapeNode
    {
        public override void Backward(ReadOnlySpan<float> dc)
        {
            if (a.RequiresGrad)
                Operand(a, plan.A, b, plan.B, 1f, dc);
            if (b.RequiresGrad)
                Operand(b, plan.B, a, plan.A, op == Arithmetic.Sub ? -1f : 1f, dc);
        }

        /// <summary>
        /// Gradient for one operand: sign·dc for a sum or difference, dc times the other operand for a product,
        /// then summed over whatever the operand was repeated over.
        /// </summary>
        private void Operand(Tensor self, Coverage selfCover, Tensor other, Coverage otherCover, float sign, ReadOnlySpan<float> dc)
        {
            var grad = self.AcquireGrad(out var acc);
            ReadOnlySpan<float> od = other.Data;
            var product = op == Arithmetic.Mul;
            switch (selfCover)
            {
                case Coverage.Scalar:
                {
                    var total = product ? TensorPrimitives.Dot(dc, od) : sign * TensorPrimitives.Sum(dc);
                    grad[0] = acc ? grad[0] + total : total;
                    break;
                }
                case Coverage.Rows:
                {
                    if (!acc)
                        grad.Clear();
                    for (var start = 0; start < dc.Length; start += plan.Inner)
                    {
                        var dcr = dc.Slice(start, plan.Inner);
                        if (product) Kernels.StoreProduct(dcr, od.Slice(start, plan.Inner), grad, true);
                        else Kernels.StoreScaled(dcr, sign, grad, true);
                    }
                    break;
                }
                default:
                {
                    if (!product)
                        Kernels.StoreScaled(dc, sign, grad, acc);
                    else if (otherCover == Coverage.Scalar)
                        Kernels.StoreScaled(dc, od[0], grad, acc);
                    else if (otherCover == Coverage.Full)
                        Kernels.StoreProduct(dc, od, grad, acc);
                    else
                    {
                        for (var start = 0; start < dc.Length; start += plan.Inner)
                            Kernels.StoreProduct(dc.Slice(start, plan.Inner), od, grad.Slice(start, plan.Inner), acc);
                    }
                    break;
                }
            }
        }
    }
}
