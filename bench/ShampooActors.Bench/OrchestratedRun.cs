using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;
using ShampooActors.Math;
using ShampooActors.Math.Data;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Bench;

/// <summary>
/// One training job run through the orchestrator in this process, as <c>shampoo-actors train</c> runs it (src/Host/TrainingRun.cs):
/// the job's config read by the CLI's own settings code, <c>training.threads</c> applied to OpenBLAS, the replica built before the
/// clock starts, a real-time <see cref="ActorSystem"/> made from the job's config (its numeric dispatcher runs the root workers),
/// a <see cref="JobActor"/> asked to <see cref="StartTraining"/>. A recording <see cref="ITrainingObserver"/> keeps every step's
/// <see cref="StepReport"/>, the staleness of every block, the loss intervals and the wall clock (the CLI's: started just before
/// the job starts, no test evaluation, no checkpoints); the root service is the CLI's own (<see cref="LocalRootService"/>) with a
/// stopwatch around each computation, to tell which steps ran alongside root computations.
/// </summary>
public static class OrchestratedRun
{
    /// <summary>OpenBLAS's thread count when the process started (what <c>training.threads = null</c> leaves in place).</summary>
    public static readonly int DefaultBlasThreads = Blas.Threads;

    /// <summary>How to run a job.</summary>
    /// <param name="Steps">Steps to run at most (null: the job's <c>training.steps</c>).</param>
    /// <param name="StepsAfterTarget">Stop this many steps after the 50-step mean first went below the workload's target (null: run all steps).</param>
    /// <param name="PhaseTiming">Step Shampoo through <see cref="PhaseTimedShampoo"/> (the breakdown of its optimizer time).</param>
    /// <param name="RootNiceness">A prototype, not the CLI's behaviour: the root workers lower their own OS priority to this nice value (Linux setpriority on the worker thread) before computing; null: left alone.</param>
    /// <param name="BlockWorkers">A prototype (needs bench/results/proto-blasparallel.patch in src): workers of the Shampoo step's batched block work, independent of OpenBLAS's thread count; null: as the code decides.</param>
    /// <param name="WaitForHelpers">With the prototype patch: the old batch wait (for every helper woken, not only for the items).</param>
    public sealed record Options(int? Steps = null, int? StepsAfterTarget = null, bool PhaseTiming = false, int? RootNiceness = null,
        int? BlockWorkers = null, bool WaitForHelpers = false);

    private static readonly Type BlasParallelType = typeof(Shampoo).Assembly.GetType("ShampooActors.Math.Linalg.BlasParallel", throwOnError: true)!;

    /// <summary>Whether src carries the prototype of bench/results/proto-blasparallel.patch (BlasParallel.Workers and WaitForHelpers).</summary>
    public static bool HasBlockWorkerPrototype => BlasParallelType.GetProperty("Workers") is not null;

    private static void ApplyPrototype(Options options)
    {
        if (!HasBlockWorkerPrototype)
        {
            if (options.BlockWorkers is not null || options.WaitForHelpers)
                throw new InvalidOperationException("block workers / wait-for-helpers need the prototype patch bench/results/proto-blasparallel.patch applied to src");
            return;
        }
        BlasParallelType.GetProperty("Workers")!.SetValue(null, options.BlockWorkers);
        BlasParallelType.GetProperty("WaitForHelpers")!.SetValue(null, options.WaitForHelpers);
    }

    /// <summary>One step as the leader reported it.</summary>
    /// <param name="Step">Its number (from 1).</param>
    /// <param name="Loss">The batch loss.</param>
    /// <param name="StepMs">Forward, backward and optimizer (StepResult.StepMilliseconds).</param>
    /// <param name="OptimizerMs">The optimizer and schedule (StepResult.OptimizerMilliseconds).</param>
    /// <param name="WaitedMs">How long the staleness policy held the step.</param>
    /// <param name="CycleMs">Wall time from the previous step's report to this one's: the step, the actor's turn, adoption and snapshots handed over.</param>
    /// <param name="EndTicks">Stopwatch ticks when the leader reported it.</param>
    /// <param name="Phases">The optimizer's phases in ms (statistics, grafting, snapshots, preconditioning, update), phase-timed runs only.</param>
    /// <param name="StalenessP50">Median over the blocks of step − root version.</param>
    /// <param name="StalenessP90">90th percentile over the blocks.</param>
    /// <param name="StalenessMax">The largest over the blocks.</param>
    public sealed record StepSample(long Step, float Loss, double StepMs, double OptimizerMs, double WaitedMs, double CycleMs, long EndTicks,
        double[]? Phases, long StalenessP50, long StalenessP90, long StalenessMax);

    /// <summary>A root computation seen by the root service: when it ran (Stopwatch ticks) and its block and version.</summary>
    public readonly record struct RootComputation(long Start, long End, int Block, long Version);

    /// <summary>A finished run.</summary>
    public sealed class Record
    {
        public required string Label { get; init; }
        public int Round { get; set; }
        public required string Job { get; init; }
        public required string Workload { get; init; }
        public required string Optimizer { get; init; }
        public required string Mode { get; init; }
        public required int NumericThreads { get; init; }
        public required int BlasThreads { get; init; }
        public required double TargetLoss { get; init; }
        public required string Outcome { get; init; }
        public required long StepsRun { get; init; }
        public required double WallSeconds { get; init; }
        public int? StepsToTarget { get; init; }
        public double? SecondsToTarget { get; init; }
        public required IReadOnlyList<(int Step, double Loss, double Seconds)> Curve { get; init; }
        public required IReadOnlyList<StepSample> Steps { get; init; }
        public required IReadOnlyList<RootComputation> Roots { get; init; }
        public required IReadOnlyDictionary<long, long> StalenessHistogram { get; init; }
        public PreconditioningTotals? Preconditioning { get; init; }
        public required int Blocks { get; init; }
        public required ThreadCpu.Usage Cpu { get; init; }
        public required double LoadBefore { get; init; }
        public required double LoadAfter { get; init; }
    }

    /// <summary>Runs <paramref name="job"/> and returns what it measured.</summary>
    public static Record Run(string label, HostJob job, FashionMnist data, Options options)
    {
        Blas.Threads = BlasThreadsFor(job);
        ApplyPrototype(options);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var steps = options.Steps ?? job.Steps;
        var rootService = new TimedRootService(LocalRootService.Instance, options.RootNiceness);
        var metrics = new PreconditioningMetrics();
        var (replica0, timed) = NewReplica(job, data, 0, options.PhaseTiming);
        var shampoo = replica0.Optimizer as Shampoo;
        var observer = new Observer(job.Workload.TargetLoss, steps, options.StepsAfterTarget, shampoo, timed);
        var trainingJob = new TrainingJob(job.Accelerators, rank => rank == 0 ? replica0 : NewReplica(job, data, rank, false).Replica, steps,
            job.Preconditioning, 0, observer, new TrainingServices { Roots = rootService });

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{label}] {job} (BLAS threads {Blas.Threads}, numeric threads {job.NumericThreads}{(options.RootNiceness is { } z ? $", roots at nice {z}" : "")}{(options.BlockWorkers is { } bw ? $", block workers {bw}" : "")}{(options.WaitForHelpers ? ", old batch wait" : "")}): up to {steps} steps"));
        JobFinished finished;
        var loadBefore = ThreadCpu.LoadAverage();
        var system = ActorSystem.Create("shampoo-actors", job.Config);
        ThreadCpu.Snapshot cpuBefore, cpuAfter;
        try
        {
            var actor = system.ActorOf(JobActor.Props(trainingJob, metrics), "job");
            observer.Job = actor;
            cpuBefore = ThreadCpu.Take();
            observer.Start();
            var task = actor.Ask<JobFinished>(StartTraining.Instance);
            Task.WhenAny(task, system.WhenTerminated).GetAwaiter().GetResult();
            finished = task.IsCompletedSuccessfully ? task.Result : new JobFinished("failed", observer.Samples.Count, "the system ended before the job");
        }
        finally
        {
            observer.Stop();
            cpuAfter = ThreadCpu.Take();
            system.Terminate().GetAwaiter().GetResult();
        }
        // Root computations still running when the job ended would slow the next run: let them finish first.
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (rootService.InFlight > 0 && Stopwatch.GetTimestamp() < deadline)
            Thread.Sleep(5);

        var record = new Record
        {
            Label = label,
            Job = job.ToString(),
            Workload = job.Workload.Name,
            Optimizer = job.OptimizerKind,
            Mode = shampoo is null ? "—" : job.Preconditioning.Mode == PreconditioningMode.Async ? "async" : "sync",
            NumericThreads = job.NumericThreads,
            BlasThreads = BlasThreadsFor(job),
            TargetLoss = job.Workload.TargetLoss,
            Outcome = finished.Outcome == "interrupted" && observer.StopRequested ? "stopped after target" : finished.Outcome,
            StepsRun = finished.Steps,
            WallSeconds = observer.WallSeconds,
            StepsToTarget = observer.StepsToTarget,
            SecondsToTarget = observer.SecondsToTarget,
            Curve = observer.Curve,
            Steps = observer.Samples,
            Roots = rootService.Computations.OrderBy(c => c.Start).ToList(),
            StalenessHistogram = observer.Histogram,
            Preconditioning = shampoo is not null && job.Preconditioning.Mode == PreconditioningMode.Async ? metrics.Totals() : null,
            Blocks = shampoo?.Blocks.Count ?? 0,
            Cpu = ThreadCpu.Between(cpuBefore, cpuAfter),
            LoadBefore = loadBefore,
            LoadAfter = ThreadCpu.LoadAverage(),
        };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {record.Outcome} at step {record.StepsRun}: {record.WallSeconds:F1} s, target {record.TargetLoss:G3} at step {record.StepsToTarget?.ToString(CultureInfo.InvariantCulture) ?? "—"} after {record.SecondsToTarget?.ToString("F1", CultureInfo.InvariantCulture) ?? "—"} s, " +
            $"step p10 {Samples.Of(record.Steps.Select(s => s.StepMs)).P10:F2} ms, median {Samples.Of(record.Steps.Select(s => s.StepMs)).Median:F2} ms, {record.Roots.Count} root computations; " +
            $"CPU s {string.Join(", ", record.Cpu.CpuSeconds.Select(kv => $"{kv.Key.Split(' ')[0]} {kv.Value:F1}"))}; load {loadBefore:F1}→{record.LoadAfter:F1}"));
        return record;
    }

    /// <summary>
    /// OpenBLAS's threads for <paramref name="job"/>, by the CLI's rule (TrainingRun.BlasThreads): training.threads, or when it is
    /// null and Shampoo's roots are asynchronous, the cores the root workers leave (at least 1); otherwise OpenBLAS's default.
    /// </summary>
    public static int BlasThreadsFor(HostJob job) =>
        job.Threads ?? (job.Options is ShampooOptions && job.Preconditioning.Mode == PreconditioningMode.Async
            ? System.Math.Max(1, Environment.ProcessorCount - job.Preconditioning.Workers)
            : DefaultBlasThreads);

    private static (Replica Replica, PhaseTimedShampoo? Timed) NewReplica(HostJob job, FashionMnist data, int rank, bool phaseTiming)
    {
        var model = job.Workload.CreateModel(new SplitMix64(job.ModelSeed));
        var optimizer = job.CreateOptimizer(model.Parameters());
        var scheduler = new LrScheduler(optimizer, job.CreateSchedule());
        var loader = new BatchLoader(data.Train, job.BatchSize, job.DataSeed, rank, job.Accelerators);
        var timed = phaseTiming && optimizer is Shampoo shampoo ? new PhaseTimedShampoo(shampoo) : null;
        var trainer = new Trainer(job.Workload, model, timed ?? optimizer, loader, scheduler);
        return (new Replica(model, optimizer, scheduler, loader, trainer), timed);
    }

    /// <summary>The CLI's root service with a stopwatch around each computation.</summary>
    private sealed class TimedRootService(IRootService inner, int? niceness) : IRootService
    {
        [ThreadStatic]
        private static int? _threadNiceness;

        private int _inFlight;

        public ConcurrentQueue<RootComputation> Computations { get; } = new();

        public int InFlight => Volatile.Read(ref _inFlight);

        public async Task<BlockRoots> ComputeAsync(StatisticsSnapshot snapshot, CancellationToken cancellationToken)
        {
            if (niceness is { } nice && _threadNiceness != nice && OperatingSystem.IsLinux())
            {
                // setpriority(PRIO_PROCESS, tid, nice) sets one thread's nice value on Linux; raising it needs no privilege.
                if (Native.setpriority(0, Native.gettid(), nice) != 0)
                    throw new InvalidOperationException($"setpriority failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
                _threadNiceness = nice;
            }
            Interlocked.Increment(ref _inFlight);
            var start = Stopwatch.GetTimestamp();
            try
            {
                return await inner.ComputeAsync(snapshot, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Computations.Enqueue(new RootComputation(start, Stopwatch.GetTimestamp(), snapshot.BlockId, snapshot.Version));
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    /// <summary>Records every step on the leader's turn and keeps the CLI's clock and 50-step loss means.</summary>
    private sealed class Observer(double target, int steps, int? stepsAfterTarget, Shampoo? shampoo, PhaseTimedShampoo? timed) : ITrainingObserver
    {
        public const int LogEvery = 50;
        private readonly Stopwatch _clock = new();
        private readonly List<float> _interval = [];
        private readonly long[] _staleness = new long[shampoo?.Blocks.Count ?? 0];
        private long _lastEnd;

        public IActorRef? Job { get; set; }
        public List<StepSample> Samples { get; } = [];
        public List<(int Step, double Loss, double Seconds)> Curve { get; } = [];
        public Dictionary<long, long> Histogram { get; } = [];
        public int? StepsToTarget { get; private set; }
        public double? SecondsToTarget { get; private set; }
        public bool StopRequested { get; private set; }
        public double WallSeconds => _clock.Elapsed.TotalSeconds;

        public void Start()
        {
            _lastEnd = Stopwatch.GetTimestamp();
            _clock.Start();
        }

        public void Stop() => _clock.Stop();

        public void StepCompleted(StepReport report, Replica leader)
        {
            var now = Stopwatch.GetTimestamp();
            var r = report.Result;
            double[]? phases = null;
            if (timed is { } p)
            {
                var f = 1000.0 / Stopwatch.Frequency;
                var last = p.Last;
                phases = [last.Statistics * f, last.Grafting * f, last.Snapshots * f, last.Preconditioning * f, last.Update * f];
            }
            long p50 = 0, p90 = 0, max = 0;
            if (shampoo is not null && r.Step >= shampoo.Defaults.StartPreconditioningStep)
            {
                for (var b = 0; b < _staleness.Length; b++)
                {
                    _staleness[b] = shampoo.Staleness(b);
                    Histogram[_staleness[b]] = Histogram.GetValueOrDefault(_staleness[b]) + 1;
                }
                Array.Sort(_staleness);
                p50 = _staleness[(int)System.Math.Ceiling(0.5 * _staleness.Length) - 1];
                p90 = _staleness[(int)System.Math.Ceiling(0.9 * _staleness.Length) - 1];
                max = _staleness[^1];
            }
            Samples.Add(new StepSample(r.Step, r.Loss, r.StepMilliseconds, r.OptimizerMilliseconds, report.Waited.TotalMilliseconds,
                Stopwatch.GetElapsedTime(_lastEnd, now).TotalMilliseconds, now, phases, p50, p90, max));
            _lastEnd = now;
            _interval.Add(r.Loss);
            if (r.Step % LogEvery != 0 && r.Step != steps)
                return;
            var mean = _interval.Average(l => (double)l);
            _interval.Clear();
            var seconds = _clock.Elapsed.TotalSeconds;
            Curve.Add(((int)r.Step, mean, seconds));
            if (StepsToTarget is null && mean < target)
            {
                StepsToTarget = (int)r.Step;
                SecondsToTarget = seconds;
            }
            if (!StopRequested && StepsToTarget is { } hit && stepsAfterTarget is { } after && r.Step >= hit + after && r.Step < steps)
            {
                StopRequested = true;
                Job?.Tell(new StopTraining("target reached"), ActorRefs.NoSender);
            }
        }

        public void SaveCheckpoint(long step, Replica leader)
        {
        }
    }

    private static class Native
    {
        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        public static extern int setpriority(int which, int who, int prio);

        [System.Runtime.InteropServices.DllImport("libc")]
        public static extern int gettid();
    }
}
