using ShampooActors.Math;
using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Bench;

/// <summary>
/// W1 training-step time with Shampoo against our Adam, interleaved in blocks (Adam K steps, each Shampoo variant K
/// steps, …) after a warm-up past the start of preconditioning. Variants: external roots (the per-step cost the actors
/// leave on the critical path: statistics, preconditioning, grafting, momentum, and the snapshot copies when due) and
/// synchronous roots every 1, 10 and 100 steps.
/// </summary>
public static class ShampooStepBenchmark
{
    /// <summary>One variant's timings and its ratio to Adam measured in the same rounds.</summary>
    public sealed record Row(string Variant, int StepsMeasured, double StepP10Ms, double StepMedianMs, double OptimizerP10Ms,
        double OptimizerMedianMs, double RatioToAdamP10, double RatioToAdamMedian, double BytesPerStep);

    private sealed record Variant(string Name, Trainer Trainer, Shampoo? Shampoo, int Block, Samples Steps, Samples Optimizer)
    {
        public long Bytes { get; set; }
    }

    /// <summary>Measures every variant in <paramref name="rounds"/> interleaved rounds.</summary>
    public static IReadOnlyList<Row> Run(FashionMnist data, int warmup, int rounds, int block)
    {
        var workload = new FashionMnistMlp();
        var variants = new List<Variant>
        {
            Make("adam", workload, data, m => new Adam(m.Parameters()), block),
            Make("shampoo, external roots", workload, data, m => new Shampoo(m.Parameters()) { Mode = RootComputation.External }, block),
            Make("shampoo, sync roots every 100", workload, data, m => new Shampoo(m.Parameters(), new ShampooOptions { PreconditionEvery = 100 }), block),
            Make("shampoo, sync roots every 10", workload, data, m => new Shampoo(m.Parameters()), block),
            Make("shampoo, sync roots every 1", workload, data, m => new Shampoo(m.Parameters(), new ShampooOptions { PreconditionEvery = 1 }), System.Math.Max(2, block / 5)),
        };
        foreach (var v in variants)
        {
            for (var i = 0; i < warmup; i++)
                RunStep(v);
        }
        for (var round = 0; round < rounds; round++)
        {
            foreach (var v in variants)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < v.Block; i++)
                {
                    var step = RunStep(v);
                    v.Steps.Add(step.StepMilliseconds);
                    v.Optimizer.Add(step.OptimizerMilliseconds);
                }
                v.Bytes += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }
        var adam = variants[0];
        return variants.Select(v => new Row(v.Name, v.Steps.Count, v.Steps.P10, v.Steps.Median, v.Optimizer.P10, v.Optimizer.Median,
            v.Steps.P10 / adam.Steps.P10, v.Steps.Median / adam.Steps.Median, (double)v.Bytes / v.Steps.Count)).ToList();
    }

    private static Variant Make(string name, Workload workload, FashionMnist data, Func<Module, Optimizer> create, int block)
    {
        var model = workload.CreateModel(new SplitMix64(0));
        var optimizer = create(model);
        var trainer = new Trainer(workload, model, optimizer, new BatchLoader(data.Train, workload.BatchSize));
        return new Variant(name, trainer, optimizer as Shampoo, block, new Samples(), new Samples());
    }

    private static StepResult RunStep(Variant v)
    {
        var step = v.Trainer.RunStep();
        // In external mode the snapshots due are handed out (copied to float64) as the actors would take them.
        if (v.Shampoo is { Mode: RootComputation.External } shampoo)
            shampoo.TakeSnapshots();
        return step;
    }
}
