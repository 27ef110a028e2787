using ShampooActors.Math;
using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Bench;

/// <summary>
/// Training-step time of optimizer variants against our Adam on one workload, interleaved in blocks (Adam K steps, each
/// variant K steps, …, repeated) after a warm-up. A Shampoo in external mode hands out its due snapshots after each step,
/// as the actors would take them, so its row is the cost left on the critical path.
/// </summary>
public static class StepRatioBenchmark
{
    /// <summary>One variant's timings and its ratio to Adam measured in the same rounds.</summary>
    public sealed record Row(string Workload, string Variant, int StepsMeasured, double StepP10Ms, double StepMedianMs, double OptimizerP10Ms,
        double OptimizerMedianMs, double RatioToAdamP10, double RatioToAdamMedian, double BytesPerStep);

    /// <summary>A variant to measure: its name, how to build its optimizer, and the steps per block (0: the common block).</summary>
    public sealed record Variant(string Name, Func<Module, Optimizer> Create, int Block = 0);

    private sealed record Running(Variant Variant, Trainer Trainer, Optimizer Optimizer, int Block, Samples Steps, Samples OptimizerMs)
    {
        public long Bytes { get; set; }
    }

    /// <summary>Measures Adam and then every variant of <paramref name="variants"/> in <paramref name="rounds"/> interleaved rounds.</summary>
    public static IReadOnlyList<Row> Run(Workload workload, FashionMnist data, IReadOnlyList<Variant> variants, int warmup, int rounds, int block)
    {
        var running = new[] { new Variant("adam", m => new Adam(m.Parameters())) }.Concat(variants)
            .Select(v => Start(v, workload, data, v.Block > 0 ? v.Block : block)).ToList();
        foreach (var r in running)
        {
            for (var i = 0; i < warmup; i++)
                RunStep(r);
        }
        for (var round = 0; round < rounds; round++)
        {
            foreach (var r in running)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < r.Block; i++)
                {
                    var step = RunStep(r);
                    r.Steps.Add(step.StepMilliseconds);
                    r.OptimizerMs.Add(step.OptimizerMilliseconds);
                }
                r.Bytes += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }
        var adam = running[0];
        return running.Select(r => new Row(workload.Name, r.Variant.Name, r.Steps.Count, r.Steps.P10, r.Steps.Median, r.OptimizerMs.P10,
            r.OptimizerMs.Median, r.Steps.P10 / adam.Steps.P10, r.Steps.Median / adam.Steps.Median, (double)r.Bytes / r.Steps.Count)).ToList();
    }

    private static Running Start(Variant variant, Workload workload, FashionMnist data, int block)
    {
        var model = workload.CreateModel(new SplitMix64(0));
        var optimizer = variant.Create(model);
        var trainer = new Trainer(workload, model, optimizer, new BatchLoader(data.Train, workload.BatchSize));
        return new Running(variant, trainer, optimizer, block, new Samples(), new Samples());
    }

    private static StepResult RunStep(Running r)
    {
        var step = r.Trainer.RunStep();
        if (r.Optimizer is Shampoo { Mode: RootComputation.External } shampoo)
            shampoo.TakeSnapshots();
        return step;
    }
}
