using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ShampooActors.Math.Data;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host;

/// <summary>The <c>train</c> command: its options and how they become a <see cref="TrainOptions"/>.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output)
    {
        var workload = Choice("--workload", "fmnist-mlp", "Workload to train", "fmnist-mlp", "fmnist-autoencoder");
        var optimizer = Choice("--optimizer", "adam", "Optimizer", OptimizerFactory.Kinds);
        var lr = Number("--lr", "Learning rate (default: the optimizer's PyTorch default)");
        var momentum = Number("--momentum", "Momentum factor (sgd, rmsprop; shampoo's β₁, default 0.9)");
        var dampening = Number("--dampening", "Momentum dampening (sgd)");
        var nesterov = Flag("--nesterov", "Nesterov momentum (sgd; shampoo, default true)");
        var beta1 = Number("--beta1", "First-moment decay β₁ (adam, adamw)");
        var beta2 = Number("--beta2", "Second-moment decay β₂ (adam, adamw); shampoo's statistics decay (default 1 = sum)");
        var eps = Number("--eps", "Denominator term ε (adam, adamw, adagrad, rmsprop)");
        var weightDecay = Number("--weight-decay", "Weight decay (L2 for sgd/adam/adagrad/rmsprop, decoupled for adamw and shampoo)");
        var amsgrad = Flag("--amsgrad", "AMSGrad variant (adam, adamw)");
        var alpha = Number("--alpha", "Squared-gradient smoothing α (rmsprop)");
        var centered = Flag("--centered", "Centered RMSprop (rmsprop)");
        var lrDecay = Number("--lr-decay", "Learning-rate decay (adagrad)");
        var initialAccumulator = Number("--initial-accumulator-value", "Initial accumulator value (adagrad)");
        var shampoo = new ShampooFlags();
        var schedule = Choice("--schedule", "constant", "Learning-rate schedule", OptimizerFactory.Schedules);
        var warmupSteps = Integer("--warmup-steps", "Linear warm-up steps (schedules warmup, cosine)");
        var finalLrFactor = Number("--final-lr-factor", "Final lr as a fraction of the initial lr (schedules cosine, linear)");
        var steps = Integer("--steps", "Training steps (default: the workload's 2000)");
        var batchSize = Integer("--batch-size", "Examples per batch (default: the workload's)");
        var seed = Integer("--seed", "Seed of the model initialisation");
        var dataSeed = Integer("--data-seed", "Seed of the data order (the benchmarks use 0)");
        var logEvery = Integer("--log-every", "Steps per metrics line (the benchmarks use 50)");
        var outDir = new Option<string>("--out") { Description = "Run folder (default: runs/<workload>-<optimizer>-<time>)" };
        var dataDir = new Option<string>("--data-dir") { Description = $"Folder with the Fashion-MNIST files (default: {FashionMnist.DefaultDirectory})" };
        var threads = Integer("--threads", "OpenBLAS threads (default: all cores)");
        var progress = Flag("--progress", "Force the live progress bar on or off (default: on for a terminal)");

        var command = new Command("train", "Train a workload and write metrics.jsonl and summary.json to the run folder")
        {
            workload, optimizer, lr, momentum, dampening, nesterov, beta1, beta2, eps, weightDecay, amsgrad, alpha, centered,
            lrDecay, initialAccumulator, schedule, warmupSteps, finalLrFactor, steps, batchSize, seed, dataSeed, logEvery,
            outDir, dataDir, threads, progress,
        };
        foreach (var option in shampoo.All)
            command.Options.Add(option);
        command.SetAction(result =>
        {
            var options = new TrainOptions
            {
                Workload = result.GetValue(workload)!,
                Optimizer = result.GetValue(optimizer)!,
                Lr = result.GetValue(lr),
                Momentum = result.GetValue(momentum),
                Dampening = result.GetValue(dampening),
                Nesterov = result.GetValue(nesterov),
                Beta1 = result.GetValue(beta1),
                Beta2 = result.GetValue(beta2),
                Eps = result.GetValue(eps),
                WeightDecay = result.GetValue(weightDecay),
                Amsgrad = result.GetValue(amsgrad),
                Alpha = result.GetValue(alpha),
                Centered = result.GetValue(centered),
                LrDecay = result.GetValue(lrDecay),
                InitialAccumulatorValue = result.GetValue(initialAccumulator),
                CoupledWeightDecay = result.GetValue(shampoo.CoupledWeightDecay),
                BlockSize = Checked(result.GetValue(shampoo.BlockSize), "--block-size"),
                MergeDimsThreshold = Checked(result.GetValue(shampoo.MergeDimsThreshold), "--merge-dims-threshold"),
                MaxPreconditionerDim = Checked(result.GetValue(shampoo.MaxPreconditionerDim), "--max-preconditioner-dim"),
                StatisticsEvery = Checked(result.GetValue(shampoo.StatisticsEvery), "--statistics-every"),
                PreconditionEvery = Checked(result.GetValue(shampoo.PreconditionEvery), "--precondition-every"),
                StartPreconditioningStep = Checked(result.GetValue(shampoo.StartPreconditioningStep), "--start-preconditioning-step"),
                ExponentOverride = Checked(result.GetValue(shampoo.ExponentOverride), "--exponent-override"),
                BiasCorrection = result.GetValue(shampoo.BiasCorrection),
                Graft = result.GetValue(shampoo.Graft),
                GraftNorm = result.GetValue(shampoo.GraftNorm),
                GraftEps = result.GetValue(shampoo.GraftEps),
                GraftBeta1 = result.GetValue(shampoo.GraftBeta1),
                GraftBeta2 = result.GetValue(shampoo.GraftBeta2),
                RootMethod = result.GetValue(shampoo.RootMethod),
                RootRidge = result.GetValue(shampoo.RootRidge),
                RidgeKind = result.GetValue(shampoo.RidgeKind),
                RootRetries = Checked(result.GetValue(shampoo.RootRetries), "--root-retries"),
                Schedule = result.GetValue(schedule)!,
                WarmupSteps = result.GetValue(warmupSteps) ?? 0,
                FinalLrFactor = result.GetValue(finalLrFactor) ?? 0,
                Steps = Checked(result.GetValue(steps), "--steps"),
                BatchSize = Checked(result.GetValue(batchSize), "--batch-size"),
                Seed = Unsigned(result.GetValue(seed), "--seed"),
                DataSeed = Unsigned(result.GetValue(dataSeed), "--data-seed"),
                LogEvery = Checked(result.GetValue(logEvery), "--log-every") ?? 50,
                Out = result.GetValue(outDir),
                DataDir = result.GetValue(dataDir) ?? FashionMnist.DefaultDirectory,
                Threads = Checked(result.GetValue(threads), "--threads"),
                Progress = result.GetValue(progress),
            };
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // The first Ctrl+C stops at the next step boundary and saves; a second one ends the process at once.
                e.Cancel = !cancel.IsCancellationRequested;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                return new TrainingRun(options, ProgressDisplay.ForConsole(options.Progress), output).Execute(cancel.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    /// <summary>The flags that apply only to <c>--optimizer shampoo</c>; their defaults are <see cref="ShampooOptions"/>'.</summary>
    private sealed class ShampooFlags
    {
        private static readonly ShampooOptions D = new();

        public readonly Option<bool?> CoupledWeightDecay = Flag("--coupled-weight-decay", "Add λθ to the gradient before the statistics instead of decoupled decay (shampoo, default false)");
        public readonly Option<long?> BlockSize = Integer("--block-size", $"Dims longer than this are cut into blocks of this size (shampoo, default {D.Blocking.BlockSize})");
        public readonly Option<long?> MergeDimsThreshold = Integer("--merge-dims-threshold", "Neighbouring dims merge while their product stays ≤ this (shampoo, default: the block size)");
        public readonly Option<long?> MaxPreconditionerDim = Integer("--max-preconditioner-dim", $"Dims longer than this get no factor, only the graft (shampoo, default {D.Blocking.MaxPreconditionerDim})");
        public readonly Option<long?> StatisticsEvery = Integer("--statistics-every", $"Steps between statistics updates (shampoo, default {D.StatisticsEvery})");
        public readonly Option<long?> PreconditionEvery = Integer("--precondition-every", $"Steps between inverse-root computations (shampoo, default {D.PreconditionEvery})");
        public readonly Option<long?> StartPreconditioningStep = Integer("--start-preconditioning-step", $"Steps before this apply the grafted update alone (shampoo, default {D.StartPreconditioningStep})");
        public readonly Option<long?> ExponentOverride = Integer("--exponent-override", "Root exponent p for every factor; 0 = 2 × preconditioned dims (shampoo, default 0)");
        public readonly Option<bool?> BiasCorrection = Flag("--bias-correction", "Divide EMA statistics by 1 − β₂ᵗ before a root (shampoo, default false)");
        public readonly Option<string?> Graft = OptionalChoice("--graft", EnumNames.Of(D.Grafting.Kind), "Grafted diagonal method (shampoo)", EnumNames.Names<GraftingKind>());
        public readonly Option<string?> GraftNorm = OptionalChoice("--graft-norm", EnumNames.Of(D.Grafting.Norm), "Grafting norm over the whole parameter or per block (shampoo)", EnumNames.Names<GraftNorm>());
        public readonly Option<double?> GraftEps = Number("--graft-eps", $"The graft's ε (shampoo, default {Text(D.Grafting.Epsilon)})");
        public readonly Option<double?> GraftBeta1 = Number("--graft-beta1", $"First-moment decay of the adam graft (shampoo, default {Text(D.Grafting.Beta1)})");
        public readonly Option<double?> GraftBeta2 = Number("--graft-beta2", $"Second-moment decay of the rmsprop and adam grafts (shampoo, default {Text(D.Grafting.Beta2)})");
        public readonly Option<string?> RootMethod = OptionalChoice("--root-method", EnumNames.Of(D.Roots.Method), "Inverse-root method (shampoo)", EnumNames.Names<RootMethod>());
        public readonly Option<double?> RootRidge = Number("--root-ridge", $"Ridge ε added before a root (shampoo, default {Text(D.Roots.Ridge)})");
        public readonly Option<string?> RidgeKind = OptionalChoice("--ridge-kind", EnumNames.Of(D.Roots.RidgeKind), "Ridge relative to λ_max or absolute (shampoo)", EnumNames.Names<RidgeKind>());
        public readonly Option<long?> RootRetries = Integer("--root-retries", $"Retries of a rejected root with the ridge ×10, 0 to 5 (shampoo, default {D.Roots.Retries})");

        private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();

        public Option[] All =>
        [
            CoupledWeightDecay, BlockSize, MergeDimsThreshold, MaxPreconditionerDim, StatisticsEvery, PreconditionEvery,
            StartPreconditioningStep, ExponentOverride, BiasCorrection, Graft, GraftNorm, GraftEps, GraftBeta1, GraftBeta2,
            RootMethod, RootRidge, RidgeKind, RootRetries,
        ];
    }

    /// <summary>A choice left null when not given, so the optimizer's default applies and other optimizers can refuse it.</summary>
    private static Option<string?> OptionalChoice(string name, string defaultValue, string description, params string[] values)
    {
        var option = new Option<string?>(name) { Description = $"{description}: {string.Join(" | ", values)} (default {defaultValue})" };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string?>();
            if (value is not null && !values.Contains(value))
                r.AddError($"{name} {value} is unknown; choose one of {string.Join(", ", values)}");
        });
        return option;
    }

    private static Option<string> Choice(string name, string defaultValue, string description, params string[] values)
    {
        var option = new Option<string>(name)
        {
            Description = $"{description}: {string.Join(" | ", values)} (default {defaultValue})",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>();
            if (!values.Contains(value))
                r.AddError($"{name} {value} is unknown; choose one of {string.Join(", ", values)}");
        });
        return option;
    }

    private static Option<double?> Number(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => Parse<double>(r, name, "a number", s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null),
    };

    private static Option<long?> Integer(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => Parse<long>(r, name, "an integer", s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null),
    };

    private static Option<bool?> Flag(string name, string description) => new(name) { Description = description + " [true|false]" };

    private static T? Parse<T>(ArgumentResult r, string name, string kind, Func<string, T?> parse) where T : struct
    {
        var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        var value = parse(text);
        if (value is null)
            r.AddError($"{name} must be {kind}, got '{text}'");
        return value;
    }

    private static int? Checked(long? value, string name) => value switch
    {
        null => null,
        < int.MinValue or > int.MaxValue => throw new UsageException($"{name} {value} is out of range"),
        _ => (int)value.Value,
    };

    private static ulong Unsigned(long? value, string name) => value switch
    {
        null => 0,
        < 0 => throw new UsageException($"{name} must be ≥ 0, got {value}"),
        _ => (ulong)value.Value,
    };
}
