namespace ShampooActors.Math.Optim;

/// <summary>
/// An optimizer's state as plain data (PyTorch's <c>optimizer.state_dict()</c>): which optimizer, per-group hyperparameters
/// with the live learning rate, and per-parameter state keyed by the parameter's position in group order. Tensors are copies.
/// </summary>
/// <param name="Optimizer">The type name of the optimizer that wrote it (e.g. <c>Adam</c>).</param>
/// <param name="Version">The layout version, <see cref="CurrentVersion"/> when written by this code.</param>
/// <param name="ParamGroups">Each group's options and parameter shapes, in group order.</param>
/// <param name="State">The state of each parameter that has been stepped, keyed by its flat position across groups.</param>
public sealed record OptimizerStateDict(
    string Optimizer,
    int Version,
    IReadOnlyList<ParamGroupStateDict> ParamGroups,
    IReadOnlyDictionary<int, ParameterStateDict> State)
{
    /// <summary>The layout version this code writes and reads.</summary>
    public const int CurrentVersion = 1;
}
