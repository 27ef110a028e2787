using System.Diagnostics;

namespace ShampooActors.Math.Linalg;

/// <summary>Inverse p-th roots (A + ε·I)^(−1/p) of symmetric positive semi-definite matrices, in float64.</summary>
public static class InversePthRoot
{
    /// <summary>
    /// Computes (A + ε_eff·I)^(−1/p) of the row-major n×n symmetric positive semi-definite <paramref name="matrix"/> with
    /// <paramref name="options"/>; a root that fails the acceptance rule comes back with a null root and its diagnostics.
    /// Only the upper triangle is used (the lower one is checked for NaN and infinities but otherwise ignored) and the
    /// matrix is never modified. Throws <see cref="NonFiniteMatrixException"/> when the matrix holds NaN or an
    /// infinity, <see cref="ArgumentException"/> for n &lt; 1, p &lt; 1 or a span shorter than n², and
    /// <see cref="Optim.InvalidOptionsException"/> for invalid options.
    /// </summary>
    public static InverseRoot Compute(ReadOnlySpan<double> matrix, int n, int p, RootOptions options)
    {
        var start = Stopwatch.GetTimestamp();
        Check(matrix, n, p, options);
        using var work = Workspace(n, options.Method);
        var (diagnostics, root) = Run(matrix, n, p, options, work);
        var copy = root < 0 ? null : work[root].AsSpan(0, n * n).ToArray();
        return new InverseRoot(copy, diagnostics with { Milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds });
    }

    /// <summary>
    /// Like <see cref="Compute(ReadOnlySpan{double}, int, int, RootOptions)"/>, but writes an accepted root into the
    /// first n² elements of <paramref name="root"/> and leaves it untouched when the root is rejected (so a caller's
    /// previous root stays in place); allocates nothing when the pool already holds buffers of this size.
    /// </summary>
    public static RootDiagnostics Compute(ReadOnlySpan<double> matrix, int n, int p, RootOptions options, Span<double> root)
    {
        var start = Stopwatch.GetTimestamp();
        Check(matrix, n, p, options);
        if (root.Length < n * n)
            throw new ArgumentException($"inverse root: the destination holds {root.Length} elements, needs {n}×{n}", nameof(root));
        using var work = Workspace(n, options.Method);
        var (diagnostics, index) = Run(matrix, n, p, options, work);
        if (index >= 0)
            work[index].AsSpan(0, n * n).CopyTo(root);
        return diagnostics with { Milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds };
    }

    private static void Check(ReadOnlySpan<double> matrix, int n, int p, RootOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        RootInput.CheckShape(matrix, n, p);
        RootInput.CheckFinite(matrix, n);
    }

    private static RootWorkspace Workspace(int n, RootMethod method) => n == 1
        ? new(n, 1)
        : method == RootMethod.Eigh ? new(n, EighRoot.Buffers, eigen: true) : new(n, CoupledNewtonRoot.Buffers);

    /// <summary>The attempts with the ridge ×10 each, up to the first accepted; returns the buffer of the accepted root or −1.</summary>
    private static (RootDiagnostics Diagnostics, int Root) Run(ReadOnlySpan<double> matrix, int n, int p, RootOptions options,
        RootWorkspace work)
    {
        var lambdaMax = n == 1
            ? System.Math.Max(matrix[0], 0)
            : PowerIteration.LargestEigenvalue(matrix, n, options.PowerIterations, options.PowerTolerance, work.Vector1, work.Vector2);
        // A zero matrix has no scale to be relative to; ε itself then keeps A + ε·I invertible.
        var ridge = options.RidgeKind == RidgeKind.Relative && lambdaMax > 0 ? options.Ridge * lambdaMax : options.Ridge;

        var attempt = RootAttempt.Failed();
        var attempts = 0;
        var accepted = false;
        while (true)
        {
            attempts++;
            attempt = Attempt(matrix, n, p, ridge, options, work);
            accepted = attempt.Root >= 0 && attempt.Residual < options.AcceptResidual
                && RootInput.AllFinite(work[attempt.Root].AsSpan(0, n * n));
            if (accepted || attempts > options.Retries)
                break;
            ridge *= 10;
        }
        var diagnostics = new RootDiagnostics(options.Method, attempt.Residual, attempt.Iterations, lambdaMax, ridge,
            attempts, accepted, 0) { NewtonError = attempt.NewtonError };
        return (diagnostics, accepted ? attempt.Root : -1);
    }

    private static RootAttempt Attempt(ReadOnlySpan<double> matrix, int n, int p, double ridge, RootOptions options,
        RootWorkspace work)
    {
        // An infinite ridge (λ_max overflowed) or a vanishing one (ε·λ_max underflowed) cannot give a finite root.
        if (!(ridge > 0) || double.IsInfinity(ridge))
            return RootAttempt.Failed();
        if (n == 1)
            return ScalarRoot.Attempt(matrix[0], p, ridge, work);
        return options.Method == RootMethod.Eigh
            ? EighRoot.Attempt(matrix, n, p, ridge, options.AcceptResidual, work)
            : CoupledNewtonRoot.Attempt(matrix, n, p, ridge, options, work);
    }
}
