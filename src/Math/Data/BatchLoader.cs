namespace ShampooActors.Math.Data;

/// <summary>
/// Draws fixed-size training batches in the benchmark data order: each epoch shuffles 0..N−1 (from the identity) with
/// <see cref="SplitMix64"/>, whose state carries over between epochs; batches are consecutive slices of that permutation
/// and an epoch's last partial batch is dropped. Every batch is copied into the same preallocated buffers.
/// </summary>
public sealed class BatchLoader
{
    /// <summary>The data seed of the benchmark workloads.</summary>
    public const ulong DefaultSeed = 0;

    private readonly ImageDataset _dataset;
    private readonly SplitMix64 _rng;
    private readonly int[] _permutation;

    /// <summary>
    /// A loader over <paramref name="dataset"/> positioned before the first batch of epoch 0 (already shuffled). With
    /// <paramref name="shards"/> &gt; 1 it is one data-parallel replica's loader: the data order and position are those of
    /// the whole batch, and it copies only the rows of shard <paramref name="shard"/> (the batch cut into equal parts).
    /// </summary>
    public BatchLoader(ImageDataset dataset, int batchSize, ulong seed = DefaultSeed, int shard = 0, int shards = 1)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shards);
        if (batchSize > dataset.Count)
            throw new ArgumentException($"batch size {batchSize} is larger than the dataset ({dataset.Count} examples), so no full batch exists", nameof(batchSize));
        if (batchSize % shards != 0)
            throw new ArgumentException($"batch size {batchSize} does not divide into {shards} equal shards", nameof(shards));
        if ((uint)shard >= (uint)shards)
            throw new ArgumentOutOfRangeException(nameof(shard), shard, $"shards are numbered 0 to {shards - 1}");
        _dataset = dataset;
        _rng = new SplitMix64(seed);
        _permutation = new int[dataset.Count];
        BatchSize = batchSize;
        ShardSize = batchSize / shards;
        _shardStart = shard * ShardSize;
        Images = Tensor.Zeros(ShardSize, dataset.Features);
        Labels = new int[ShardSize];
        StartEpoch(0);
    }

    private readonly int _shardStart;

    /// <summary>Examples this loader copies per batch: the batch size, or its shard of it.</summary>
    public int ShardSize { get; }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Full batches per epoch: ⌊N / BatchSize⌋.</summary>
    public int BatchesPerEpoch => _dataset.Count / BatchSize;

    /// <summary>The current epoch, counted from 0; it advances when a batch is drawn after the last one of an epoch.</summary>
    public int Epoch { get; private set; }

    /// <summary>Batches already drawn in the current epoch: the index of the next batch, or BatchesPerEpoch at the epoch's end.</summary>
    public int BatchIndex { get; private set; }

    /// <summary>The current epoch's order of examples.</summary>
    public ReadOnlySpan<int> Permutation => _permutation;

    /// <summary>The reused [ShardSize, Features] buffer every batch is written into.</summary>
    public Tensor Images { get; }

    /// <summary>The reused buffer of ShardSize labels every batch is written into.</summary>
    public int[] Labels { get; }

    /// <summary>Fills <see cref="Images"/> and <see cref="Labels"/> with the next batch and returns them; allocates nothing.</summary>
    public Batch Next()
    {
        if (BatchIndex == BatchesPerEpoch)
            StartEpoch(Epoch + 1);
        var features = _dataset.Features;
        var source = _dataset.Images.AsSpan();
        var target = Images.Data;
        var order = _permutation.AsSpan(BatchIndex * BatchSize + _shardStart, ShardSize);
        for (var k = 0; k < order.Length; k++)
        {
            var example = order[k];
            source.Slice(example * features, features).CopyTo(target.Slice(k * features, features));
            Labels[k] = _dataset.Labels[example];
        }
        return new Batch(Images, Labels, Epoch, BatchIndex++);
    }

    /// <summary>A copy of the loader's position: restoring it into a loader over the same data repeats the same batches.</summary>
    public BatchLoaderState SaveState() => new(Epoch, BatchIndex, BatchSize, (int[])_permutation.Clone(), _rng.State);

    /// <summary>Moves to the position in <paramref name="state"/>, taken from a loader with this batch size over data of this size.</summary>
    public void RestoreState(BatchLoaderState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.BatchSize != BatchSize)
            throw new ArgumentException($"the state is for batch size {state.BatchSize}, this loader draws {BatchSize}", nameof(state));
        if (state.Permutation.Length != _permutation.Length)
            throw new ArgumentException($"the state orders {state.Permutation.Length} examples, this dataset has {_permutation.Length}", nameof(state));
        if (state.Epoch < 0 || state.BatchIndex < 0 || state.BatchIndex > BatchesPerEpoch)
            throw new ArgumentException($"epoch {state.Epoch}, batch {state.BatchIndex} is not a position in epochs of {BatchesPerEpoch} batches", nameof(state));
        RequirePermutation(state.Permutation);
        state.Permutation.CopyTo(_permutation, 0);
        _rng.State = state.RngState;
        Epoch = state.Epoch;
        BatchIndex = state.BatchIndex;
    }

    private void StartEpoch(int epoch)
    {
        for (var i = 0; i < _permutation.Length; i++)
            _permutation[i] = i;
        _rng.Shuffle(_permutation);
        Epoch = epoch;
        BatchIndex = 0;
    }

    private static void RequirePermutation(int[] permutation)
    {
        var seen = new bool[permutation.Length];
        foreach (var i in permutation)
        {
            if ((uint)i >= (uint)seen.Length || seen[i])
                throw new ArgumentException($"the state's order is not a permutation of 0..{seen.Length - 1} (at {i})", nameof(permutation));
            seen[i] = true;
        }
    }
}
