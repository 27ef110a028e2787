using ShampooActors.Math.Nn;

namespace ShampooActors.Math.Optim;

/// <summary>
/// A parameter group as given to an optimizer (PyTorch's <c>{"params": …, "lr": …}</c>): its parameters and a function
/// that turns the optimizer's defaults into this group's options, e.g. <c>o =&gt; o with { Lr = 0.1 }</c>.
/// </summary>
/// <param name="Parameters">The parameters of the group.</param>
/// <param name="Overrides">Maps the optimizer's defaults to this group's options; null keeps the defaults.</param>
public sealed record ParamGroupSpec<TOptions>(IEnumerable<Parameter> Parameters, Func<TOptions, TOptions>? Overrides = null)
    where TOptions : OptimizerOptions;
