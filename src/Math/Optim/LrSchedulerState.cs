namespace ShampooActors.Math.Optim;

/// <summary>An <see cref="LrScheduler"/>'s state as plain data: how many times it stepped and each group's base lr.</summary>
/// <param name="LastStep">The number of scheduler steps taken (the current step index).</param>
/// <param name="BaseLrs">Each group's base learning rate, in group order.</param>
public sealed record LrSchedulerState(long LastStep, IReadOnlyList<double> BaseLrs);
