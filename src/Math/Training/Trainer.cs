using System.Diagnostics;
using ShampooActors.Math.Data;
using ShampooActors.Math.Models;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Training;

/// <summary>
/// The synchronous training loop of one model: batch → forward → loss → backward → optimizer step → schedule step,
/// with the step's intermediate memory pooled so a steady-state step allocates almost nothing.
/// </summary>
public sealed class Trainer(Workload workload, Module model, Optimizer optimizer, BatchLoader loader, LrScheduler? scheduler = null)
{
    private readonly BufferPool _pool = new();

    /// <summary>Steps completed so far; set it when the model, optimizer and loader were restored to a later step.</summary>
    public long Step { get; set; }

    /// <summary>The model being trained.</summary>
    public Module Model => model;

    /// <summary>The pool holding the step's intermediate memory; its misses stop growing after the first step.</summary>
    public BufferPool Pool => _pool;

    /// <summary>Runs one step and reports its loss and timings; the loss is computed before the update.</summary>
    public StepResult RunStep()
    {
        var gradients = ComputeGradients();
        return ApplyUpdate(gradients);
    }

    /// <summary>
    /// The first half of a step: the next batch, forward, loss and backward, leaving the gradients in the parameters. A
    /// data-parallel replica averages them with the other replicas' before <see cref="ApplyUpdate"/>.
    /// </summary>
    public GradientResult ComputeGradients()
    {
        var start = Stopwatch.GetTimestamp();
        var batch = loader.Next();
        optimizer.ZeroGrad();
        float loss;
        using (new GradientTape(_pool))
        {
            var output = model.Forward(batch.Images);
            var lossTensor = workload.Loss(output, batch.Images, batch.Labels);
            lossTensor.Backward();
            loss = lossTensor.Item();
        }
        return new GradientResult(loss, start, Stopwatch.GetTimestamp());
    }

    /// <summary>The second half of a step: the optimizer and schedule steps on the gradients in the parameters.</summary>
    public StepResult ApplyUpdate(GradientResult gradients)
    {
        var lr = optimizer.ParamGroups[0].Lr;
        var beforeUpdate = Stopwatch.GetTimestamp();
        optimizer.Step();
        scheduler?.Step();
        var end = Stopwatch.GetTimestamp();
        Step++;
        var stepMs = Stopwatch.GetElapsedTime(gradients.Started, gradients.Finished).TotalMilliseconds + Stopwatch.GetElapsedTime(beforeUpdate, end).TotalMilliseconds;
        return new StepResult(Step, gradients.Loss, stepMs, Stopwatch.GetElapsedTime(beforeUpdate, end).TotalMilliseconds, lr);
    }
}
