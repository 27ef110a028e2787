using System.CommandLine;
using System.Text.Json;
using ShampooActors.Host.Settings;

namespace ShampooActors.Host;

/// <summary>
/// The <c>train</c> flags that are shorthands for config paths (<c>--steps 500</c> = <c>--set training.steps=500</c>). Optimizer
/// flags map into the chosen kind's section (<c>--lr</c> → <c>optimizer.adam.lr</c>); one the kind's section lacks is refused.
/// </summary>
internal sealed class Shorthands
{
    /// <summary>A flag and the path it sets: absolute, or relative to <c>optimizer.KIND</c> when <paramref name="OfOptimizer"/>.</summary>
    private sealed record Shorthand(Option<string?> Option, string Path, bool OfOptimizer, string? ShampooPath = null, bool Invert = false);

    private readonly List<Shorthand> _all = [];

    public Shorthands()
    {
        Add("--workload", "workload.name", "Workload: fmnist-mlp | fmnist-autoencoder");
        Add("--data-dir", "workload.data-dir", "Folder with the Fashion-MNIST files");
        Add("--seed", "model.seed", "Seed of the model initialisation");
        Add("--steps", "training.steps", "Training steps (default: the workload's 2000)");
        Add("--batch-size", "training.batch-size", "Examples per batch (default: the workload's)");
        Add("--data-seed", "training.data-seed", "Seed of the data order");
        Add("--threads", "training.threads", "OpenBLAS threads (default: all cores)");
        Add("--optimizer", "optimizer.kind", $"Optimizer: {string.Join(" | ", OptimizerSettings.Kinds.Keys)}");
        Add("--schedule", "optimizer.schedule.kind", $"Learning-rate schedule: {string.Join(" | ", ScheduleSettings.Kinds)}");
        Add("--warmup-steps", "optimizer.schedule.warmup-steps", "Linear warm-up steps (schedules warmup, cosine)");
        Add("--final-lr-factor", "optimizer.schedule.final-lr-factor", "Final lr as a fraction of the initial lr (schedules cosine, linear)");
        Add("--log-every", "logging.log-every", "Steps per metrics line");
        Add("--eval-every", "logging.eval-every", "Steps between test evaluations (0: only at the end)");
        Add("--progress", "logging.progress", "Force the live progress bar on or off", flag: true);

        AddOptimizer("--lr", "lr", "Learning rate");
        AddOptimizer("--momentum", "momentum", "Momentum factor (sgd, rmsprop; shampoo's β₁)", shampoo: "momentum.beta1");
        AddOptimizer("--dampening", "dampening", "Momentum dampening (sgd)");
        AddOptimizer("--nesterov", "nesterov", "Nesterov momentum (sgd, shampoo)", shampoo: "momentum.nesterov", flag: true);
        AddOptimizer("--beta1", "beta1", "First-moment decay β₁ (adam, adamw)");
        AddOptimizer("--beta2", "beta2", "Second-moment decay β₂ (adam, adamw); shampoo's statistics decay");
        AddOptimizer("--eps", "eps", "Denominator term ε (adam, adamw, adagrad, rmsprop)");
        AddOptimizer("--weight-decay", "weight-decay", "Weight decay", shampoo: "weight-decay.value");
        AddOptimizer("--amsgrad", "amsgrad", "AMSGrad variant (adam, adamw)", flag: true);
        AddOptimizer("--alpha", "alpha", "Squared-gradient smoothing α (rmsprop)");
        AddOptimizer("--centered", "centered", "Centered RMSprop (rmsprop)", flag: true);
        AddOptimizer("--lr-decay", "lr-decay", "Learning-rate decay (adagrad)");
        AddOptimizer("--initial-accumulator-value", "initial-accumulator-value", "Initial accumulator value (adagrad)");
        AddOptimizer("--coupled-weight-decay", "", "Add λθ to the gradient before the statistics (shampoo)", shampoo: "weight-decay.decoupled", flag: true, invert: true);
        AddOptimizer("--block-size", "", "Dims longer than this are cut into blocks (shampoo)", shampoo: "blocking.block-size");
        AddOptimizer("--merge-dims-threshold", "", "Neighbouring dims merge while their product stays ≤ this (shampoo)", shampoo: "blocking.merge-dims-threshold");
        AddOptimizer("--max-preconditioner-dim", "", "Dims longer than this get only the graft (shampoo)", shampoo: "blocking.max-preconditioner-dim");
        AddOptimizer("--statistics-every", "", "Steps between statistics updates (shampoo)", shampoo: "statistics-every");
        AddOptimizer("--precondition-every", "", "Steps between inverse-root computations (shampoo)", shampoo: "precondition-every");
        AddOptimizer("--start-preconditioning-step", "", "Steps before this apply the grafted update alone (shampoo)", shampoo: "start-preconditioning-step");
        AddOptimizer("--exponent-override", "", "Root exponent p for every factor; 0 = 2 × preconditioned dims (shampoo)", shampoo: "exponent-override");
        AddOptimizer("--bias-correction", "", "Divide EMA statistics by 1 − β₂ᵗ before a root (shampoo)", shampoo: "bias-correction", flag: true);
        AddOptimizer("--graft", "", "Grafted diagonal method (shampoo)", shampoo: "grafting.kind");
        AddOptimizer("--graft-norm", "", "Grafting norm: parameter | block (shampoo)", shampoo: "grafting.norm");
        AddOptimizer("--graft-eps", "", "The graft's ε (shampoo)", shampoo: "grafting.epsilon");
        AddOptimizer("--graft-beta1", "", "First-moment decay of the adam graft (shampoo)", shampoo: "grafting.beta1");
        AddOptimizer("--graft-beta2", "", "Second-moment decay of the rmsprop and adam grafts (shampoo)", shampoo: "grafting.beta2");
        AddOptimizer("--root-method", "", "Inverse-root method: eigh | coupled-newton (shampoo)", shampoo: "roots.method");
        AddOptimizer("--root-ridge", "", "Ridge ε added before a root (shampoo)", shampoo: "roots.ridge");
        AddOptimizer("--ridge-kind", "", "Ridge relative to λ_max or absolute (shampoo)", shampoo: "roots.ridge-kind");
        AddOptimizer("--root-retries", "", "Retries of a rejected root with the ridge ×10, 0 to 5 (shampoo)", shampoo: "roots.retries");
    }

    /// <summary>Every shorthand option, for the command's option list.</summary>
    public IEnumerable<Option> Options => _all.Select(s => s.Option);

    /// <summary>The overrides given outside the optimizer's section (among them, possibly, the kind).</summary>
    public IReadOnlyList<ConfigOverride> General(ParseResult result) =>
        Given(result).Where(g => !g.Shorthand.OfOptimizer).Select(g => Override(g.Shorthand, g.Shorthand.Path, g.Value)).ToArray();

    /// <summary>The optimizer flags as overrides in <c>optimizer.<paramref name="kind"/></c>; a flag the kind has no setting for is an error.</summary>
    public IReadOnlyList<ConfigOverride> OfOptimizer(ParseResult result, string kind)
    {
        var overrides = new List<ConfigOverride>();
        foreach (var (shorthand, value) in Given(result).Where(g => g.Shorthand.OfOptimizer))
        {
            var path = PathFor(shorthand, kind);
            if (path is null)
            {
                var kinds = OptimizerSettings.Kinds.Keys.Where(k => PathFor(shorthand, k) is not null);
                throw new UsageException($"{shorthand.Option.Name} does not apply to --optimizer {kind} (it applies to {string.Join(", ", kinds)})");
            }
            overrides.Add(Override(shorthand, path, value));
        }
        return overrides;
    }

    private static string? PathFor(Shorthand shorthand, string kind)
    {
        var relative = kind == "shampoo" ? shorthand.ShampooPath ?? shorthand.Path : shorthand.Path;
        var path = $"optimizer.{kind}.{relative}";
        return relative.Length > 0 && JobConfig.Reference.HasPathOrNull(path) ? path : null;
    }

    private IEnumerable<(Shorthand Shorthand, string Value)> Given(ParseResult result)
    {
        foreach (var shorthand in _all)
        {
            if (result.GetResult(shorthand.Option) is { Implicit: false } given)
                yield return (shorthand, given.Tokens.Count > 0 ? given.Tokens[0].Value : "true");
        }
    }

    private static ConfigOverride Override(Shorthand shorthand, string path, string value)
    {
        if (shorthand.Invert && bool.TryParse(value, out var flag))
            value = (!flag).ToString().ToLowerInvariant();
        return new ConfigOverride(path, JsonSerializer.Serialize(value), shorthand.Option.Name);
    }

    private void Add(string name, string path, string description, bool flag = false) =>
        _all.Add(new Shorthand(Create(name, path, description, flag), path, OfOptimizer: false));

    private void AddOptimizer(string name, string key, string description, string? shampoo = null, bool flag = false, bool invert = false)
    {
        var shown = key.Length > 0 ? $"optimizer.KIND.{key}" : $"optimizer.shampoo.{shampoo}";
        _all.Add(new Shorthand(Create(name, shown, description, flag), key, OfOptimizer: true, shampoo, invert));
    }

    private static Option<string?> Create(string name, string path, string description, bool flag) => new(name)
    {
        Description = $"{description} [{path}]",
        Arity = flag ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
    };
}
