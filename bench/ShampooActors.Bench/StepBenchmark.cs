using ShampooActors.Math;
using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Training;

namespace ShampooActors.Bench;

/// <summary>
/// Training-step time (batch → forward → backward → Adam) of ours against PyTorch's CPU step on the same machine,
/// measured in alternating blocks (ours K steps, PyTorch K steps, …) after a warm-up, plus our managed bytes per step.
/// </summary>
public static class StepBenchmark
{
    /// <summary>One row of the result table.</summary>
    public sealed record Row(string Workload, int BatchSize, int StepsMeasured, double OursP10Ms, double OursMedianMs,
        double OursOptimizerMedianMs, double? TorchP10Ms, double? TorchMedianMs, double? TorchOptimizerMedianMs,
        double? RatioP10, double? RatioMedian, double BytesPerStep, string? TorchNote);

    /// <summary>Measures <paramref name="workload"/> in <paramref name="rounds"/> rounds of <paramref name="block"/> steps each.</summary>
    public static Row Run(Workload workload, FashionMnist data, string torchScript, int warmup, int rounds, int block)
    {
        var model = workload.CreateModel(new SplitMix64(0));
        var trainer = new Trainer(workload, model, new Adam(model.Parameters()), new BatchLoader(data.Train, workload.BatchSize));
        using var torch = TorchReference.TryStart(workload.Name, torchScript, out var torchNote);

        for (var i = 0; i < warmup; i++)
            trainer.RunStep();
        torch?.Run(warmup);

        Samples ours = new(), oursOptimizer = new(), theirs = new(), theirsOptimizer = new();
        long bytes = 0;
        var counted = 0;
        for (var round = 0; round < rounds; round++)
        {
            // The first step of each block only settles the other process's BLAS threads; it is not counted.
            trainer.RunStep();
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < block; i++)
            {
                var step = trainer.RunStep();
                ours.Add(step.StepMilliseconds);
                oursOptimizer.Add(step.OptimizerMilliseconds);
            }
            bytes += GC.GetAllocatedBytesForCurrentThread() - before;
            counted += block;
            if (torch is null)
                continue;
            var (stepMs, optimizerMs) = torch.Run(block + 1);
            theirs.AddRange(stepMs.Skip(1));
            theirsOptimizer.AddRange(optimizerMs.Skip(1));
        }
        var hasTorch = torch is not null;
        return new Row(workload.Name, workload.BatchSize, counted, ours.P10, ours.Median, oursOptimizer.Median,
            hasTorch ? theirs.P10 : null, hasTorch ? theirs.Median : null, hasTorch ? theirsOptimizer.Median : null,
            hasTorch ? ours.P10 / theirs.P10 : null, hasTorch ? ours.Median / theirs.Median : null,
            (double)bytes / counted, hasTorch ? $"torch {torch!.Version}" : torchNote);
    }
}
