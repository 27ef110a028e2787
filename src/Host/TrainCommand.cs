using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ShampooActors.Math.Data;

namespace ShampooActors.Host;

/// <summary>The <c>train</c> command: its options and how they become a <see cref="TrainOptions"/>.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output)
    {
        var workload = Choice("--workload", "fmnist-mlp", "Workload to train", "fmnist-mlp", "fmnist-autoencoder");
        var optimizer = Choice("--optimizer", "adam", "Optimizer", OptimizerFactory.Kinds);
        var lr = Number("--lr", "Learning rate (default: the optimizer's PyTorch default)");
        var momentum = Number("--momentum", "Momentum factor (sgd, rmsprop)");
        var dampening = Number("--dampening", "Momentum dampening (sgd)");
        var nesterov = Flag("--nesterov", "Nesterov momentum (sgd)");
        var beta1 = Number("--beta1", "First-moment decay β₁ (adam, adamw)");
        var beta2 = Number("--beta2", "Second-moment decay β₂ (adam, adamw)");
        var eps = Number("--eps", "Denominator term ε (adam, adamw, adagrad, rmsprop)");
        var weightDecay = Number("--weight-decay", "Weight decay (L2 for sgd/adam/adagrad/rmsprop, decoupled for adamw)");
        var amsgrad = Flag("--amsgrad", "AMSGrad variant (adam, adamw)");
        var alpha = Number("--alpha", "Squared-gradient smoothing α (rmsprop)");
        var centered = Flag("--centered", "Centered RMSprop (rmsprop)");
        var lrDecay = Number("--lr-decay", "Learning-rate decay (adagrad)");
        var initialAccumulator = Number("--initial-accumulator-value", "Initial accumulator value (adagrad)");
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
