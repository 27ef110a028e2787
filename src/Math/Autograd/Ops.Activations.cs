using System.Numerics.Tensors;

namespace ShampooActors.Math;

public static partial class Ops
{
    private enum Activation { Relu, Tanh, Sigmoid }

    /// <summary>max(x, 0) elementwise.</summary>
    public static Tensor Relu(Tensor x) => Activate(x, Activation.Relu);

    /// <summary>tanh(x) elementwise.</summary>
    public static Tensor Tanh(Tensor x) => Activate(x, Activation.Tanh);

    /// <summary>1 / (1 + e^(−x)) elementwise.</summary>
    public static Tensor Sigmoid(Tensor x) => Activate(x, Activation.Sigmoid);

    private static Tensor Activate(Tensor x, Activation kind)
    {
        var y = Tensor.Uninitialized(x.ShapeArray());
        switch (kind)
        {
            case Activation.Relu: TensorPrimitives.Max(x.Data, 0f, y.Data); break;
            case Activation.Tanh:
                TensorPrimitives.Tanh(x.Data, y.Data);
                Kernels.TanhNearZero(x.Data, y.Data);
                break;
            default: TensorPrimitives.Sigmoid(x.Data, y.Data); break;
        }
        return Tracks(x) ? Record(new ActivationNode(x, kind), y) : y;
    }

    /// <summary>Backward from the saved output: all three derivatives are functions of y.</summary>
    private sealed class ActivationNode(Tensor x, Activation kind) : TapeNode
    {
        public override void Backward(ReadOnlySpan<float> dy)
        {
            var dx = x.AcquireGrad(out var acc);
            ReadOnlySpan<float> y = Output.Data;
            switch (kind)
            {
                case Activation.Relu: Kernels.ActivationBackward<ReluDerivative>(y, dy, dx, acc); break;
                case Activation.Tanh: Kernels.ActivationBackward<TanhDerivative>(y, dy, dx, acc); break;
                default: Kernels.ActivationBackward<SigmoidDerivative>(y, dy, dx, acc); break;
            }
        }
    }
}
