using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ShampooActors.Math.Optim;

/// <summary>Unaligned Vector&lt;float&gt; loads and stores at any element offset of a span, for loops that read neighbours.</summary>
internal static class VectorAccess
{
    /// <summary>The lanes starting at element <paramref name="index"/>; the caller keeps index + lanes within the span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Load(ReadOnlySpan<float> span, int index) =>
        Vector.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);

    /// <summary>The lanes starting at element <paramref name="index"/>, as a reference to read and write in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref Vector<float> At(Span<float> span, int index) =>
        ref Unsafe.As<float, Vector<float>>(ref Unsafe.Add(ref MemoryMarshal.GetReference(span), index));
}
