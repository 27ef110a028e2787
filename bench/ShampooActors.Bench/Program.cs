using System.Text.Json;
using ShampooActors.Bench;
using ShampooActors.Math.Models;
using ShampooActors.Math.Optim;

var what = args.Length > 0 ? args[0] : "all";
var outDir = args.Length > 1 ? args[1] : "bench/results";
Directory.CreateDirectory(outDir);
var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
var report = new Dictionary<string, object>
{
    ["machine"] = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
    ["utc"] = stamp,
};
var markdown = new List<string>();

if (what is "all" or "gemm")
{
    var rows = GemmBenchmark.Run([256, 512, 1024, 2048], 20);
    report["gemm"] = rows;
    markdown.Add(Tables.Gemm(rows));
}

if (what is "all" or "steps")
{
    var data = ShampooActors.Math.Data.FashionMnist.Load();
    var script = Path.Combine(AppContext.BaseDirectory, "pytorch_step.py");
    var rows = new List<StepBenchmark.Row>
    {
        StepBenchmark.Run(new FashionMnistMlp(), data, script, warmup: 30, rounds: 10, block: 20),
        StepBenchmark.Run(new FashionMnistAutoencoder(), data, script, warmup: 5, rounds: 8, block: 5),
    };
    report["steps"] = rows;
    markdown.Add(Tables.Steps(rows));
}

if (what is "all" or "shampoo-steps")
{
    // W1 with Shampoo: external roots (the per-step cost the actors leave on the critical path) and synchronous roots every
    // 100, 10 and 1 steps, past the start of preconditioning.
    var data = ShampooActors.Math.Data.FashionMnist.Load();
    StepRatioBenchmark.Variant[] variants =
    [
        new("shampoo, external roots", m => new Shampoo(m.Parameters()) { Mode = RootComputation.External }),
        new("shampoo, sync roots every 100", m => new Shampoo(m.Parameters(), new ShampooOptions { PreconditionEvery = 100 })),
        new("shampoo, sync roots every 10", m => new Shampoo(m.Parameters())),
        new("shampoo, sync roots every 1", m => new Shampoo(m.Parameters(), new ShampooOptions { PreconditionEvery = 1 }), Block: 4),
    ];
    var rows = StepRatioBenchmark.Run(new FashionMnistMlp(), data, variants, warmup: 30, rounds: 10, block: 20);
    report["shampoo_steps"] = rows;
    markdown.Add(Tables.StepRatios(rows));
}

if (what is "sonew-neumann-steps")
{
    // SONew and Neumann against Adam on both workloads; Neumann is measured past its SGD warm-up.
    var data = ShampooActors.Math.Data.FashionMnist.Load();
    StepRatioBenchmark.Variant[] variants =
    [
        new("sonew, tridiagonal", m => new SoNew(m.Parameters())),
        new("sonew, banded b = 4", m => new SoNew(m.Parameters(), new SoNewOptions { Structure = SoNewStructure.Banded, Band = 4 })),
        new("neumann", m => new Neumann(m.Parameters(), new NeumannOptions { EpochSteps = 1, WarmupEpochs = 5 })),
    ];
    var rows = StepRatioBenchmark.Run(new FashionMnistMlp(), data, variants, warmup: 30, rounds: 40, block: 20)
        .Concat(StepRatioBenchmark.Run(new FashionMnistAutoencoder(), data, variants, warmup: 6, rounds: 12, block: 5)).ToList();
    report["sonew_neumann_steps"] = rows;
    markdown.Add(Tables.StepRatios(rows));
}

if (what is "all" or "roots")
{
    // cond 1e4 across the sizes, and 1e8 at the target size where the residual target still has to hold.
    var rows = RootBenchmark.Run([(128, 1e4), (256, 1e4), (512, 1e4), (1024, 1e4), (1024, 1e8), (2048, 1e4)], p: 4);
    report["roots"] = rows;
    markdown.Add(Tables.Roots(rows));
}

if (what is "actors")
{
    // The actor kernel on the thread-pool dispatcher; not part of "all", which measures the numerics.
    // A third argument runs one case alone (ping-pong, fan-in, ask, floors, memory).
    var result = ActorBenchmark.Run(args.Length > 2 ? args[2] : null);
    report["actors"] = result;
    markdown.Add(Tables.Actors(result));
}

// The asynchronous orchestrator (JobActor in-process, as the CLI runs it): orch-steps, orch-converge-w1|-w2, orch-priority,
// orch-threads; further arguments are the mode's (see OrchestratorBenchmark). Not part of "all".
if (what.StartsWith("orch-", StringComparison.Ordinal))
{
    var (orchestratorJson, orchestratorTable) = OrchestratorBenchmark.Run(what, args.Skip(2).ToArray(), outDir, stamp);
    report["orchestrator"] = orchestratorJson;
    markdown.Add(orchestratorTable);
}

// The cluster (not part of "all"): cluster-roundtrip, cluster-throughput, cluster-model; further arguments are the mode's (see
// ClusterBenchmark). The first two run a throwaway RabbitMQ broker (or the one SHAMPOO_BROKER_* names) and shampoo-actors node processes.
if (what.StartsWith("cluster-", StringComparison.Ordinal))
{
    var (clusterJson, clusterTable) = ClusterBenchmark.Run(what, args.Skip(2).ToArray(), outDir, stamp);
    report["cluster"] = clusterJson;
    markdown.Add(clusterTable);
}

// Convergence over the learning-rate grids (long: W1 minutes, W2 tens of minutes), so not part of "all":
// convergence[-w1|-w2] runs the Shampoo grid, sonew-neumann-convergence[-w1|-w2] the SONew and Neumann grid.
if (what.StartsWith("convergence", StringComparison.Ordinal) || what.StartsWith("sonew-neumann-convergence", StringComparison.Ordinal))
{
    var grid = what.StartsWith("sonew-neumann", StringComparison.Ordinal) ? "sonew-neumann" : "shampoo";
    var data = ShampooActors.Math.Data.FashionMnist.Load();
    var workloads = new List<Workload>();
    if (!what.EndsWith("-w2", StringComparison.Ordinal))
        workloads.Add(new FashionMnistMlp());
    if (!what.EndsWith("-w1", StringComparison.Ordinal))
        workloads.Add(new FashionMnistAutoencoder());
    var results = new List<ConvergenceBenchmark.Result>();
    foreach (var workload in workloads)
    {
        // Finished runs are kept in a checkpoint file until the workload completes, in case a long run is cut short.
        var checkpoint = Path.Combine(outDir, $"bench-{what}-{stamp}-{workload.Name}.partial.json");
        // A third argument shortens every run (a smoke test); the benchmark proper uses the workload's 2000 steps.
        int? steps = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : null;
        var result = ConvergenceBenchmark.RunWorkload(workload, data, grid, runs => ConvergenceBenchmark.WriteCheckpoint(checkpoint, runs), steps);
        File.Delete(checkpoint);
        results.Add(result);
        markdown.Add(Tables.Convergence(result));
        markdown.Add(Tables.ConvergencePeers(result));
    }
    report["convergence"] = results;
}

var json = JsonSerializer.Serialize(report, ConvergenceBenchmark.Json);
File.WriteAllText(Path.Combine(outDir, $"bench-{what}-{stamp}.json"), json);
var table = string.Join("\n\n", markdown);
File.WriteAllText(Path.Combine(outDir, $"bench-{what}-{stamp}.md"), table + "\n");
Console.WriteLine(table);
