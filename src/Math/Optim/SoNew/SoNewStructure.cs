namespace ShampooActors.Math.Optim;

/// <summary>The sparsity pattern of SONew's preconditioner over a parameter's flattened elements.</summary>
public enum SoNewStructure
{
    /// <summary>Each element is coupled to its next neighbour: O(n) work, three floats of statistics per element.</summary>
    Tridiagonal,

    /// <summary>Each element is coupled to its next <see cref="SoNewOptions.Band"/> neighbours: O(n·b³) work, b + 1 floats of statistics per element.</summary>
    Banded,
}
