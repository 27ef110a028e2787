namespace ShampooActors.Math.Linalg;

/// <summary>A LAPACK routine reported failure (bad argument or no convergence).</summary>
public sealed class LinalgException(string message) : Exception(message);
