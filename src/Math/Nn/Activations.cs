namespace ShampooActors.Math.Nn;

/// <summary>ReLU as a layer.</summary>
public sealed class ReLU : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Relu(input);
}

/// <summary>tanh as a layer.</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Tanh(input);
}

/// <summary>Logistic sigmoid as a layer.</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Sigmoid(input);
}
