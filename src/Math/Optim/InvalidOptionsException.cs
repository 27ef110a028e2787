namespace ShampooActors.Math.Optim;

/// <summary>A hyperparameter a user chose is out of range; <see cref="Option"/> names it and the message is one printable line.</summary>
public sealed class InvalidOptionsException(string option, string message) : ArgumentException(message)
{
    /// <summary>The name of the offending option, as the options record spells it (e.g. <c>Beta2</c>).</summary>
    public string Option { get; } = option;
}
