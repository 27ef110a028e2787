using ShampooActors.Math.Linalg;

namespace ShampooActors.Math.Optim;

/// <summary>
/// One parameter's per-block work of one step (statistics or preconditioning), as independent items for
/// <see cref="BlasParallel"/>; each worker uses its own scratch buffers. Reused every step, so a step allocates nothing.
/// </summary>
internal sealed class BlockWork : IBlasWork
{
    private readonly float[][] _gather, _ping, _pong;
    private ShampooBlock[] _blocks = [];
    private ArraySegment<float> _gradient;
    private float[] _direction = [];
    private bool _statistics;
    private float _w1, _w2;

    /// <summary>Scratch for <paramref name="workers"/> workers, each buffer <paramref name="length"/> long.</summary>
    public BlockWork(int workers, int length)
    {
        _gather = Buffers(workers, length);
        _ping = Buffers(workers, length);
        _pong = Buffers(workers, length);
    }

    /// <summary>Updates every block's statistics from <paramref name="gradient"/> with weights w₁ (old) and w₂ (new).</summary>
    public void UpdateStatistics(ShampooBlock[] blocks, ArraySegment<float> gradient, float w1, float w2)
    {
        (_blocks, _gradient, _statistics, _w1, _w2) = (blocks, gradient, true, w1, w2);
        BlasParallel.For(blocks.Length, this);
        _blocks = [];
    }

    /// <summary>Writes every block's preconditioned gradient into its place in <paramref name="direction"/>.</summary>
    public void Precondition(ShampooBlock[] blocks, ArraySegment<float> gradient, float[] direction)
    {
        (_blocks, _gradient, _statistics, _direction) = (blocks, gradient, false, direction);
        BlasParallel.For(blocks.Length, this);
        _blocks = [];
    }

    /// <inheritdoc />
    public void Execute(int item, int worker)
    {
        var block = _blocks[item];
        if (_statistics)
            block.UpdateStatistics(_gradient, _gather[worker], _w1, _w2);
        else
            block.Precondition(_gradient, _direction, _gather[worker], _ping[worker], _pong[worker]);
    }

    private static float[][] Buffers(int workers, int length)
    {
        var buffers = new float[workers][];
        for (var w = 0; w < workers; w++)
            buffers[w] = new float[length];
        return buffers;
    }
}
