using System.Runtime.InteropServices;

namespace ShampooActors.Math.Native;

/// <summary>Raw LAPACKE entry points. Callers go through <see cref="Linalg.Lapack"/>.</summary>
internal static unsafe partial class Lapacke
{
    internal const int RowMajor = 101;
    internal const int ColMajor = 102;

    [LibraryImport(NativeLibraries.Lapacke, EntryPoint = "LAPACKE_dsyevd")]
    internal static partial int Dsyevd(int layout, byte jobz, byte uplo, int n, double* a, int lda, double* w);

    [LibraryImport(NativeLibraries.Lapacke, EntryPoint = "LAPACKE_dsyevd_work")]
    internal static partial int DsyevdWork(int layout, byte jobz, byte uplo, int n, double* a, int lda, double* w,
        double* work, int lwork, int* iwork, int liwork);
}
