namespace ShampooActors.Math.Native;

/// <summary>A native library the numerics need (OpenBLAS, LAPACKE) could not be loaded; the message names the package to install.</summary>
public sealed class NativeLibraryMissingException(string message, Exception? inner = null) : Exception(message, inner);
