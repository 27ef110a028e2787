namespace ShampooActors.Math.Training;

/// <summary>What one training step did: its number (from 1), the batch loss, and where its time went.</summary>
public readonly record struct StepResult(long Step, float Loss, double StepMilliseconds, double OptimizerMilliseconds, double LearningRate);

/// <summary>The first half of a step: the batch loss and when forward and backward started and finished (Stopwatch ticks).</summary>
public readonly record struct GradientResult(float Loss, long Started, long Finished);
