namespace ShampooActors.Math.Optim;

/// <summary>Grafting: the magnitude of each update comes from a diagonal method, its direction from Shampoo.</summary>
public sealed record GraftingOptions
{
    /// <summary>The grafted method.</summary>
    public GraftingKind Kind { get; init; } = GraftingKind.Adagrad;

    /// <summary>Whether the norms are taken per parameter or per block.</summary>
    public GraftNorm Norm { get; init; } = GraftNorm.Parameter;

    /// <summary>The diagonal method's ε_d, added after the square root.</summary>
    public double Epsilon { get; init; } = 1e-10;

    /// <summary>First-moment decay of the Adam graft.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Second-moment decay of the RMSprop and Adam grafts.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Throws <see cref="InvalidOptionsException"/> naming the first option that is out of range.</summary>
    public void Validate() => Validate("Shampoo");

    /// <summary>As <see cref="Validate()"/>, with messages naming <paramref name="owner"/> as the optimizer that holds these options.</summary>
    internal void Validate(string owner)
    {
        if (!Enum.IsDefined(Kind))
            throw new InvalidOptionsException("grafting.kind", $"{owner} option grafting.kind = {Kind} is invalid");
        if (!Enum.IsDefined(Norm))
            throw new InvalidOptionsException("grafting.norm", $"{owner} option grafting.norm = {Norm} is invalid: must be parameter or block");
        OptionChecks.NonNegative(owner, "grafting.epsilon", Epsilon);
        OptionChecks.UnitInterval(owner, "grafting.beta1", Beta1);
        OptionChecks.UnitInterval(owner, "grafting.beta2", Beta2);
    }
}
