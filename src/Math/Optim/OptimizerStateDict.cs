namespace ShampooActors.Math.Optim;

/// <summary>
/// An optimizer's state as plain data (PyTorch's <c>optimizer.state_dict()</c>): which optimizer, per-group hyperparameters
/// with the live learning rate, and per-parameter state keyed by the parameter's position in group order. Tensors are copies.
/// </summary>
public sealed record OptimizerStateDict(
    string Optimizer,
    int Version,
    IReadOnlyList<ParamGroupStateDict> ParamGroups,
    IReadOnlyDictionary<int, ParameterStateDict> State)
{
    /// <summary>The layout version this code writes and reads.</summary>
    public const int CurrentVersion = 1;
}
