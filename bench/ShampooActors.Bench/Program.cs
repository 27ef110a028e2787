using System.Text.Json;
using ShampooActors.Bench;

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
        StepBenchmark.Run(new ShampooActors.Math.Models.FashionMnistMlp(), data, script, warmup: 30, rounds: 10, block: 20),
        StepBenchmark.Run(new ShampooActors.Math.Models.FashionMnistAutoencoder(), data, script, warmup: 5, rounds: 8, block: 5),
    };
    report["steps"] = rows;
    markdown.Add(Tables.Steps(rows));
}

if (what is "all" or "shampoo-steps")
{
    var data = ShampooActors.Math.Data.FashionMnist.Load();
    var rows = ShampooStepBenchmark.Run(data, warmup: 30, rounds: 10, block: 20);
    report["shampoo_steps"] = rows;
    markdown.Add(Tables.ShampooSteps(rows));
}

if (what is "all" or "roots")
{
    // cond 1e4 across the sizes, and 1e8 at the target size where the residual target still has to hold.
    var rows = RootBenchmark.Run([(128, 1e4), (256, 1e4), (512, 1e4), (1024, 1e4), (1024, 1e8), (2048, 1e4)], p: 4);
    report["roots"] = rows;
    markdown.Add(Tables.Roots(rows));
}

// Convergence over the learning-rate grids (long: W1 minutes, W2 tens of minutes), so not part of "all".
if (what is "convergence" or "convergence-w1" or "convergence-w2")
{
    var data = ShampooActors.Math.Data.FashionMnist.Load();
    var workloads = new List<ShampooActors.Math.Models.Workload>();
    if (what is "convergence" or "convergence-w1")
        workloads.Add(new ShampooActors.Math.Models.FashionMnistMlp());
    if (what is "convergence" or "convergence-w2")
        workloads.Add(new ShampooActors.Math.Models.FashionMnistAutoencoder());
    var results = new List<ConvergenceBenchmark.Result>();
    foreach (var workload in workloads)
    {
        // Finished runs are kept in a checkpoint file until the workload completes, in case a long run is cut short.
        var checkpoint = Path.Combine(outDir, $"bench-{what}-{stamp}-{workload.Name}.partial.json");
        // A third argument shortens every run (a smoke test); the benchmark proper uses the workload's 2000 steps.
        int? steps = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : null;
        var result = ConvergenceBenchmark.RunWorkload(workload, data, runs => ConvergenceBenchmark.WriteCheckpoint(checkpoint, runs), steps);
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
