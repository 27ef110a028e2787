using ShampooActors.Math.Native;

namespace ShampooActors.Math.Tests.Linalg;

/// <summary>Resolution of the native libraries and the error a missing one gives.</summary>
public sealed class NativeLibrariesSpec
{
    [Fact]
    public void Loading_a_missing_library_throws_a_one_line_error_that_names_the_Debian_package()
    {
        var error = Assert.Throws<NativeLibraryMissingException>(() =>
            NativeLibraries.Load("imaginary", ["libshampoo-imaginary.so.9", "libshampoo-imaginary.so"], "libshampoo-imaginary9"));
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.Contains("apt-get install libshampoo-imaginary9", error.Message, StringComparison.Ordinal);
        Assert.Contains("libshampoo-imaginary.so.9", error.Message, StringComparison.Ordinal);
        Assert.Contains("libshampoo-imaginary.so", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_tries_each_file_in_turn_and_returns_the_first_that_exists()
    {
        var handle = NativeLibraries.Load("openblas", ["libshampoo-imaginary.so.9", "libopenblas.so.0"], "libopenblas0-pthread");
        Assert.NotEqual(IntPtr.Zero, handle);
    }

    [Fact]
    public void EnsureLoaded_finds_openblas_and_lapacke_on_a_machine_set_up_by_the_Debian_packages()
    {
        NativeLibraries.EnsureLoaded();
    }
}
