namespace ShampooActors.Math;

/// <summary>One recorded operation: knows its inputs and how to push the output's gradient back to them.</summary>
internal abstract class TapeNode
{
    public GradientTape Tape { get; set; } = null!;
    public int Index { get; set; }
    public Tensor Output { get; set; } = null!;

    /// <summary>Adds this operation's contribution to the gradients of the inputs that require one.</summary>
    public abstract void Backward(ReadOnlySpan<float> gradOutput);
}
