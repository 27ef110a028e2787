using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ShampooActors.Math.Optim;

/// <summary>A per-element optimizer update, written once for a vector of lanes: the parameter, its gradient and up to three state buffers.</summary>
internal interface IElementwiseRule
{
    void Apply(ref Vector<float> p, Vector<float> g, ref Vector<float> s0, ref Vector<float> s1, ref Vector<float> s2);
}

/// <summary>
/// Runs an <see cref="IElementwiseRule"/> over whole spans: full vectors in place, and the last partial vector through
/// zero-padded copies, so every element goes through the same float32 operations and no rule needs a scalar twin.
/// </summary>
internal static class ElementwiseUpdate
{
    /// <summary>Applies <paramref name="rule"/> to every element; state spans the rule does not use stay empty.</summary>
    // Compiled optimised from the first call: a tier-0 loop replaced on the stack (OSR) allocates on the running thread, at
    // whichever step the switch happens to fall, which steady-state steps must not do.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TRule>(TRule rule, Span<float> p, ReadOnlySpan<float> g,
        Span<float> s0 = default, Span<float> s1 = default, Span<float> s2 = default) where TRule : struct, IElementwiseRule
    {
        if (g.Length != p.Length || Mismatch(s0, p) || Mismatch(s1, p) || Mismatch(s2, p))
            throw new ArgumentException("an elementwise update needs the gradient and every used state buffer shaped like the parameter");
        var width = Vector<float>.Count;
        var full = p.Length - p.Length % width;
        var vp = MemoryMarshal.Cast<float, Vector<float>>(p[..full]);
        var vg = MemoryMarshal.Cast<float, Vector<float>>(g[..full]);
        // An unused state span reads and writes one scratch vector (stride 0), so the loop has no branches.
        var unused = Vector<float>.Zero;
        ref var b0 = ref Base(s0, ref unused, out var step0);
        ref var b1 = ref Base(s1, ref unused, out var step1);
        ref var b2 = ref Base(s2, ref unused, out var step2);
        for (var k = 0; k < vp.Length; k++)
            rule.Apply(ref vp[k], vg[k], ref Unsafe.Add(ref b0, k * step0), ref Unsafe.Add(ref b1, k * step1), ref Unsafe.Add(ref b2, k * step2));
        if (full == p.Length)
            return;

        Tail(rule, p, g, s0, s1, s2, full);
    }

    /// <summary>The last partial vector, through zero-padded copies; kept apart so the main loop's method has no stackalloc.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Tail<TRule>(TRule rule, Span<float> p, ReadOnlySpan<float> g, Span<float> s0, Span<float> s1, Span<float> s2, int full)
        where TRule : struct, IElementwiseRule
    {
        var width = Vector<float>.Count;
        var tail = p.Length - full;
        Span<Vector<float>> padded = stackalloc Vector<float>[5];
        padded.Clear();
        var lanes = MemoryMarshal.Cast<Vector<float>, float>(padded);
        p[full..].CopyTo(lanes);
        g[full..].CopyTo(lanes[width..]);
        CopyTail(s0, full, lanes.Slice(2 * width, width));
        CopyTail(s1, full, lanes.Slice(3 * width, width));
        CopyTail(s2, full, lanes.Slice(4 * width, width));
        rule.Apply(ref padded[0], padded[1], ref padded[2], ref padded[3], ref padded[4]);
        lanes[..tail].CopyTo(p[full..]);
        CopyBack(lanes.Slice(2 * width, tail), s0, full);
        CopyBack(lanes.Slice(3 * width, tail), s1, full);
        CopyBack(lanes.Slice(4 * width, tail), s2, full);
    }

    private static bool Mismatch(Span<float> state, Span<float> p) => !state.IsEmpty && state.Length != p.Length;

    private static ref Vector<float> Base(Span<float> state, ref Vector<float> unused, out int step)
    {
        step = state.IsEmpty ? 0 : 1;
        return ref state.IsEmpty ? ref unused : ref Unsafe.As<float, Vector<float>>(ref MemoryMarshal.GetReference(state));
    }

    private static void CopyTail(Span<float> state, int full, Span<float> lanes)
    {
        if (!state.IsEmpty)
            state[full..].CopyTo(lanes);
    }

    private static void CopyBack(Span<float> lanes, Span<float> state, int full)
    {
        if (!state.IsEmpty)
            lanes.CopyTo(state[full..]);
    }
}
