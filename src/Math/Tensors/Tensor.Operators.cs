namespace ShampooActors.Math;

public partial class Tensor
{
    /// <summary>Elementwise sum with batch broadcasting (<see cref="Ops.Add"/>).</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Add(a, b);

    /// <summary>Elementwise difference with batch broadcasting (<see cref="Ops.Sub"/>).</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Sub(a, b);

    /// <summary>Elementwise product with batch broadcasting (<see cref="Ops.Mul"/>).</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Mul(a, b);

    /// <summary>Matrix product (<see cref="Ops.MatMul"/>).</summary>
    public Tensor MatMul(Tensor other) => Ops.MatMul(this, other);

    /// <summary>Sum of all elements (<see cref="Ops.Sum"/>).</summary>
    public Tensor Sum() => Ops.Sum(this);

    /// <summary>Mean of all elements (<see cref="Ops.Mean"/>).</summary>
    public Tensor Mean() => Ops.Mean(this);

    /// <summary>ReLU (<see cref="Ops.Relu"/>).</summary>
    public Tensor Relu() => Ops.Relu(this);

    /// <summary>tanh (<see cref="Ops.Tanh"/>).</summary>
    public Tensor Tanh() => Ops.Tanh(this);

    /// <summary>Logistic sigmoid (<see cref="Ops.Sigmoid"/>).</summary>
    public Tensor Sigmoid() => Ops.Sigmoid(this);

    /// <summary>The same elements under a new shape (<see cref="Ops.Reshape"/>).</summary>
    public Tensor Reshape(params int[] shape) => Ops.Reshape(this, shape);

    /// <summary>Matrix transpose (<see cref="Ops.Transpose"/>).</summary>
    public Tensor T() => Ops.Transpose(this);
}
