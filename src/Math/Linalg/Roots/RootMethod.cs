namespace ShampooActors.Math.Linalg;

/// <summary>How an inverse p-th root is computed.</summary>
public enum RootMethod
{
    /// <summary>Symmetric eigendecomposition (LAPACKE dsyevd), X = Q·diag(λ^(−1/p))·Qᵀ.</summary>
    Eigh,

    /// <summary>Coupled Newton iteration (Guo–Higham), every product through dgemm.</summary>
    CoupledNewton,
}
