namespace ShampooActors.Math.Optim;

/// <summary>An <see cref="LrScheduler"/>'s state as plain data: how many times it stepped and each group's base lr.</summary>
public sealed record LrSchedulerState(long LastStep, IReadOnlyList<double> BaseLrs);
