namespace ShampooActors.Math.Nn;

/// <summary>How a layer's weights and biases are initialised.</summary>
public enum Init
{
    /// <summary>
    /// PyTorch's nn.Linear default: kaiming_uniform(a=√5) for the weight, which is U(±1/√fan_in), and U(±1/√fan_in)
    /// for the bias.
    /// </summary>
    PyTorchDefault,

    /// <summary>Glorot (Xavier) uniform for the weight, U(±√(6/(fan_in+fan_out))), and a zero bias.</summary>
    GlorotUniform,
}
