namespace ShampooActors.Math.Linalg;

/// <summary>A matrix handed to a root computation holds NaN or an infinity.</summary>
public sealed class NonFiniteMatrixException(string message) : ArithmeticException(message);
