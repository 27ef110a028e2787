namespace ShampooActors.Math.Optim;

/// <summary>
/// The hyperparameters of one optimizer for one parameter group, as an immutable record with PyTorch's defaults.
/// Values are doubles, like PyTorch's Python floats; each is rounded to float32 only where a tensor op uses it.
/// </summary>
public abstract record OptimizerOptions
{
    /// <summary>The learning rate (γ); a group's live rate is <see cref="ParamGroup.Lr"/>, which starts here.</summary>
    public abstract double Lr { get; init; }

    /// <summary>Throws <see cref="InvalidOptionsException"/> naming the first option that is out of range.</summary>
    public abstract void Validate();
}
