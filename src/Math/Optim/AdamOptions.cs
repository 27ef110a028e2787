namespace ShampooActors.Math.Optim;

/// <summary>Hyperparameters of <see cref="Adam"/> with torch.optim.Adam's defaults; weight decay is an L2 term in the gradient.</summary>
public sealed record AdamOptions : OptimizerOptions
{
    /// <inheritdoc />
    public override double Lr { get; init; } = 1e-3;

    /// <summary>Decay rate β₁ of the first-moment average (PyTorch's betas[0]).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay rate β₂ of the second-moment average (PyTorch's betas[1]).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Term ε added to the denominator after the square root.</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>L2 penalty λ added to the gradient as λ·θ (coupled; see <see cref="AdamWOptions"/> for decoupled).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Use the running maximum of the second moment (AMSGrad).</summary>
    public bool Amsgrad { get; init; }

    /// <summary>Ascend the objective instead of descending it.</summary>
    public bool Maximize { get; init; }

    /// <inheritdoc />
    public override void Validate() => AdamOptionChecks.Validate("Adam", Lr, Beta1, Beta2, Eps, WeightDecay);
}
