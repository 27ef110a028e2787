namespace ShampooActors.Math;

/// <summary>
/// Differentiable operations on tensors (the counterpart of torch.nn.functional). While a
/// <see cref="GradientTape"/> records and an input requires grad, each call records its backward step.
/// </summary>
public static partial class Ops
{
    /// <summary>Whether the current thread has a tape that records.</summary>
    private static bool Recording => GradientTape.Current is { IsRecording: true };

    private static bool Tracks(Tensor a) => a.RequiresGrad && Recording;

    private static bool Tracks(Tensor a, Tensor b) => (a.RequiresGrad || b.RequiresGrad) && Recording;

    /// <summary>Records <paramref name="node"/> as the producer of <paramref name="output"/> on the current tape.</summary>
    private static Tensor Record(TapeNode node, Tensor output)
    {
        GradientTape.Current!.Record(node, output);
        return output;
    }

    /// <summary>Scratch memory for a forward pass: tape memory while recording, a fresh array otherwise.</summary>
    private static float[] Scratch(int length) => GradientTape.Current?.Scratch(length) ?? new float[length];

    private static void RequireRank(Tensor t, int rank, string op, string what)
    {
        if (t.Rank != rank)
            throw new ArgumentException($"{op}: {what} must have {rank} dimensions, got shape {Shapes.Format(t.Shape)}");
    }
}
