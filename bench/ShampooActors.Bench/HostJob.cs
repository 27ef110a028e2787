using System.Reflection;
using ShampooActors.Actors.Training;
using ShampooActors.Configuration;
using ShampooActors.Math.Models;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Bench;

/// <summary>
/// A training job read exactly as <c>shampoo-actors train --config FILE --set …</c> reads it: the Host's own config loader and
/// settings (<c>JobConfig.Load</c>, <c>JobSettings.From</c>, <c>OptimizerFactory.Create</c>), reached by reflection since they are
/// internal to the CLI assembly. The benchmark then runs the job in-process the way <c>TrainingRun</c> does.
/// </summary>
public sealed class HostJob
{
    private static readonly Assembly Host = Assembly.Load("shampoo-actors");
    private readonly object _settings;

    private HostJob(Config config, object settings, string file, IReadOnlyList<string> overrides)
    {
        Config = config;
        _settings = settings;
        File = file;
        Overrides = overrides;
        var workload = Get(settings, "Workload");
        Workload = (Workload)Get(workload, "Definition");
        ModelSeed = (ulong)Get(Get(settings, "Model"), "Seed");
        var training = Get(settings, "Training");
        Steps = (int)Get(training, "Steps");
        BatchSize = (int)Get(training, "BatchSize");
        DataSeed = (ulong)Get(training, "DataSeed");
        Threads = (int?)GetOrNull(training, "Threads");
        Accelerators = (int)Get(training, "Accelerators");
        var optimizer = Get(settings, "Optimizer");
        OptimizerKind = (string)Get(optimizer, "Kind");
        Options = (OptimizerOptions)Get(optimizer, "Options");
        Preconditioning = (PreconditioningOptions)Get(settings, "Preconditioning");
        _optimizerSettings = optimizer;
        _schedule = Get(optimizer, "Schedule");
    }

    private readonly object _optimizerSettings;
    private readonly object _schedule;

    /// <summary>The job file.</summary>
    public string File { get; }

    /// <summary>The <c>--set</c> overrides, in order.</summary>
    public IReadOnlyList<string> Overrides { get; }

    /// <summary>The resolved config (also the actor system's: dispatchers, numeric threads).</summary>
    public Config Config { get; }

    public Workload Workload { get; }
    public ulong ModelSeed { get; }
    public int Steps { get; }
    public int BatchSize { get; }
    public ulong DataSeed { get; }
    public int? Threads { get; }
    public int Accelerators { get; }
    public string OptimizerKind { get; }
    public OptimizerOptions Options { get; }
    public PreconditioningOptions Preconditioning { get; }

    /// <summary>The numeric dispatcher's threads (the root workers).</summary>
    public int NumericThreads => Config.GetInt("actors.dispatchers.numeric.threads");

    /// <summary>Reads <paramref name="file"/> with <paramref name="overrides"/> (<c>path=value</c>) on top, as the CLI does.</summary>
    public static HostJob Load(string file, params string[] overrides)
    {
        var overrideType = Host.GetType("ShampooActors.Host.Settings.ConfigOverride", throwOnError: true)!;
        var parse = overrideType.GetMethod("Parse", BindingFlags.Public | BindingFlags.Static)!;
        var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(overrideType))!;
        foreach (var o in overrides)
            list.Add(parse.Invoke(null, [o]));
        var jobConfig = Host.GetType("ShampooActors.Host.Settings.JobConfig", throwOnError: true)!;
        var config = (Config)Invoke(jobConfig.GetMethod("Load", BindingFlags.Public | BindingFlags.Static)!, null, [file, list, null])!;
        var jobSettings = Host.GetType("ShampooActors.Host.Settings.JobSettings", throwOnError: true)!;
        var settings = Invoke(jobSettings.GetMethod("From", BindingFlags.Public | BindingFlags.Static)!, null, [config])!;
        return new HostJob(config, settings, file, overrides);
    }

    /// <summary>The optimizer the job configures over <paramref name="parameters"/> (the CLI's factory).</summary>
    public Optimizer CreateOptimizer(IEnumerable<Parameter> parameters)
    {
        var factory = Host.GetType("ShampooActors.Host.OptimizerFactory", throwOnError: true)!;
        return (Optimizer)Invoke(factory.GetMethod("Create", BindingFlags.Public | BindingFlags.Static)!, null, [_optimizerSettings, parameters])!;
    }

    /// <summary>The job's learning-rate schedule.</summary>
    public LrSchedule CreateSchedule() => (LrSchedule)Invoke(_schedule.GetType().GetMethod("Create")!, _schedule, [])!;

    /// <summary>The job in one line: file and overrides.</summary>
    public override string ToString() => Overrides.Count == 0 ? File : $"{File} {string.Join(' ', Overrides.Select(o => "--set " + o))}";

    private static object Get(object target, string property) => GetOrNull(target, property)
        ?? throw new InvalidOperationException($"{target.GetType().Name}.{property} is null");

    private static object? GetOrNull(object target, string property) =>
        (target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new MissingMemberException(target.GetType().FullName, property)).GetValue(target);

    private static object? Invoke(MethodInfo method, object? target, object?[] args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
