using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ShampooActors.Math.Native;

/// <summary>Resolves the logical native library names used by the bindings to the Debian shared objects.</summary>
public static class NativeLibraries
{
    internal const string OpenBlas = "openblas";
    internal const string Lapacke = "lapacke";

    private static readonly Dictionary<string, (string[] Files, string Package)> Known = new()
    {
        [OpenBlas] = (["libopenblas.so.0", "libopenblas.so"], "libopenblas0-pthread"),
        [Lapacke] = (["liblapacke.so.3", "liblapacke.so"], "liblapacke"),
    };

    // The resolver must be in place before the first P/Invoke of this assembly, whoever calls first.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        Known.TryGetValue(name, out var entry) ? Load(name, entry.Files, entry.Package) : IntPtr.Zero;

    /// <summary>Loads the first of <paramref name="files"/> that exists, or throws one clear error naming the package.</summary>
    public static IntPtr Load(string name, IReadOnlyList<string> files, string package)
    {
        foreach (var file in files)
        {
            if (NativeLibrary.TryLoad(file, out var handle))
                return handle;
        }
        throw new NativeLibraryMissingException(
            $"native library {name} ({string.Join(" or ", files)}) not found: install the Debian package {package} " +
            "(sudo apt-get install " + package + ", or run scripts/setup.sh)");
    }

    /// <summary>Loads both numeric libraries now so that a missing one fails at start-up instead of mid-run.</summary>
    public static void EnsureLoaded()
    {
        foreach (var (name, entry) in Known)
            Load(name, entry.Files, entry.Package);
    }
}
