namespace ShampooActors.Math.Models;

/// <summary>A model's loss on a dataset (mean per example, as in training) and, for classifiers, its accuracy.</summary>
public readonly record struct Evaluation(double Loss, double? Accuracy);
