using System.Text;

namespace ShampooActors.Math;

/// <summary>A float32, row-major, contiguous n-dimensional array that can take part in tape-based reverse-mode autograd.</summary>
public partial class Tensor
{
    private readonly Storage _storage;
    private readonly int _offset;
    private readonly int[] _shape;
    private Tensor? _grad;
    private bool _hasGrad;

    internal Tensor(Storage storage, int offset, int[] shape)
    {
        _storage = storage;
        _offset = offset;
        _shape = shape;
        Length = Shapes.Count(shape);
    }

    /// <summary>A zero-filled tensor that owns a fresh array.</summary>
    protected Tensor(int[] shape) : this(new Storage(new float[Shapes.Count(Shapes.Validate(shape))]), 0, (int[])shape.Clone())
    {
    }

    /// <summary>The dimensions, outermost first.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The elements in row-major order.</summary>
    public Span<float> Data => new(_storage.Array, _offset, Length);

    /// <summary>The elements as an array segment, for work handed to another thread (a span cannot be).</summary>
    internal ArraySegment<float> Segment => new(_storage.Array, _offset, Length);

    /// <summary>Whether gradients flow to this tensor: set on leaves by the user, derived for op results.</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>True when no recorded operation produced this tensor.</summary>
    public bool IsLeaf => Node is null;

    /// <summary>The operation on the tape that produced this tensor, or null for a leaf.</summary>
    internal TapeNode? Node { get; set; }

    /// <summary>Size of dimension <paramref name="dim"/>; negative values count from the end.</summary>
    public int Dim(int dim) => _shape[dim < 0 ? dim + _shape.Length : dim];

    /// <summary>The shape as a new array.</summary>
    public int[] ShapeArray() => (int[])_shape.Clone();

    /// <summary>The accumulated gradient, or null when none has been computed since the last <see cref="ZeroGrad"/>.</summary>
    public Tensor? Grad
    {
        get => _hasGrad ? _grad : null;
        set
        {
            if (value is not null && !value.Shape.SequenceEqual(Shape))
                throw new ArgumentException($"gradient shape {Shapes.Format(value.Shape)} does not match tensor shape {Shapes.Format(Shape)}");
            _hasGrad = value is not null;
            if (value is not null)
                _grad = value;
        }
    }

    /// <summary>Clears the gradient: by default it becomes null (PyTorch's set_to_none), else it is filled with zeros.</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        if (setToNone)
            _hasGrad = false;
        else if (_hasGrad)
            _grad!.Data.Clear();
    }

    /// <summary>
    /// The span to write this tensor's gradient into: <paramref name="accumulate"/> is false when the gradient did
    /// not exist yet (write it), true when it must be added to. Leaves keep their gradient array across steps.
    /// </summary>
    internal Span<float> AcquireGrad(out bool accumulate)
    {
        if (_hasGrad)
        {
            accumulate = true;
            return _grad!.Data;
        }
        if (_grad is null || _grad._storage.IsReleased)
            _grad = Node is null ? new Tensor(_shape) : Node.Tape.NewTensor(_shape);
        _hasGrad = true;
        accumulate = false;
        return _grad.Data;
    }

    /// <summary>The value of a one-element tensor.</summary>
    public float Item()
    {
        if (Length != 1)
            throw new InvalidOperationException($"Item() needs a one-element tensor, this one has shape {Shapes.Format(Shape)}");
        return Data[0];
    }

    /// <summary>The elements copied into a new array.</summary>
    public float[] ToArray() => Data.ToArray();

    /// <summary>A copy with its own array, outside any tape and without gradient history.</summary>
    public Tensor Clone()
    {
        var copy = new Tensor(_shape);
        Data.CopyTo(copy.Data);
        return copy;
    }

    /// <summary>A tensor sharing this one's memory but cut from the tape (no gradient flows through it).</summary>
    public Tensor Detach() => new(_storage, _offset, _shape);

    /// <summary>The same memory under another shape with the same element count (no gradient history).</summary>
    internal Tensor ViewAs(int[] shape) => new(_storage, _offset, shape);

    /// <summary>A view of rows [start, start+count) of the outermost dimension, sharing memory (no gradient history).</summary>
    public Tensor Rows(int start, int count)
    {
        if (Rank == 0)
            throw new InvalidOperationException("Rows() needs at least one dimension");
        if (start < 0 || count < 0 || start + count > _shape[0])
            throw new ArgumentOutOfRangeException(nameof(start), $"rows [{start}, {start + count}) outside [0, {_shape[0]})");
        var shape = (int[])_shape.Clone();
        shape[0] = count;
        return new Tensor(_storage, _offset + start * (Length / System.Math.Max(_shape[0], 1)), shape);
    }

    /// <summary>Runs reverse-mode differentiation from this one-element tensor, accumulating into leaf gradients.</summary>
    public void Backward()
    {
        if (Length != 1)
            throw new InvalidOperationException($"Backward() without a gradient needs a one-element tensor, this one has shape {Shapes.Format(Shape)}");
        BackwardFrom(null);
    }

    /// <summary>Runs reverse-mode differentiation seeded with <paramref name="gradient"/> (same shape as this tensor).</summary>
    public void Backward(Tensor gradient)
    {
        if (!gradient.Shape.SequenceEqual(Shape))
            throw new ArgumentException($"seed gradient shape {Shapes.Format(gradient.Shape)} does not match {Shapes.Format(Shape)}");
        BackwardFrom(gradient);
    }

    private void BackwardFrom(Tensor? seed)
    {
        if (!RequiresGrad)
            throw new InvalidOperationException(
                "this tensor does not require grad: differentiate a result of operations on parameters, computed inside `using var tape = new GradientTape()`");
        Node?.Tape.EnsureBackwardAllowed();
        var grad = AcquireGrad(out var accumulate);
        if (seed is null)
        {
            if (accumulate) grad[0] += 1f; else grad[0] = 1f;
        }
        else
        {
            Kernels.Store(seed.Data, grad, accumulate);
        }
        Node?.Tape.Backward(Node);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder($"Tensor{Shapes.Format(Shape)}");
        if (_storage.IsReleased)
            return text.Append(" (released)").ToString();
        text.Append(" [");
        var shown = System.Math.Min(Length, 8);
        for (var i = 0; i < shown; i++)
            text.Append(i == 0 ? "" : ", ").Append(Data[i].ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
        return text.Append(Length > shown ? ", …]" : "]").ToString();
    }
}
