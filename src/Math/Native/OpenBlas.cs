using System.Runtime.InteropServices;

namespace ShampooActors.Math.Native;

/// <summary>Raw CBLAS entry points of OpenBLAS (LP64: 32-bit integers). Callers go through <see cref="Linalg.Blas"/>.</summary>
internal static unsafe partial class OpenBlas
{
    internal const int RowMajor = 101;
    internal const int NoTrans = 111;
    internal const int Trans = 112;
    internal const int Upper = 121;

    [LibraryImport(NativeLibraries.OpenBlas, EntryPoint = "cblas_sgemm")]
    internal static partial void Sgemm(int order, int transA, int transB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(NativeLibraries.OpenBlas, EntryPoint = "cblas_dgemm")]
    internal static partial void Dgemm(int order, int transA, int transB, int m, int n, int k,
        double alpha, double* a, int lda, double* b, int ldb, double beta, double* c, int ldc);


    [LibraryImport(NativeLibraries.OpenBlas, EntryPoint = "cblas_ssyrk")]
    internal static partial void Ssyrk(int order, int uplo, int trans, int n, int k, float alpha, float* a, int lda, float beta, float* c, int ldc);

    [LibraryImport(NativeLibraries.OpenBlas, EntryPoint = "cblas_dsyrk")]
    internal static partial void Dsyrk(int order, int uplo, int trans, int n, int k,
        double alpha, double* a, int lda, double beta, double* c, int ldc);

    [LibraryImport(NativeLibraries.OpenBlas, EntryPoint = "cblas_dsymv")]
    internal static partial void Dsymv(int order, int uplo, int n,
        double alpha, double* a, int lda, double* x, int incx, double beta, double* y, int incy);

    [LibraryImport(NativeLibraries.OpenBlas, EntryPoint = "openblas_get_num_threads")]
    internal static partial int GetNumThreads();

    [LibraryImport(NativeLibraries.OpenBlas, EntryPoint = "openblas_set_num_threads")]
    internal static partial void SetNumThreads(int threads);
}
