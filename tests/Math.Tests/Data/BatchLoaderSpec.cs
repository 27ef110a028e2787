using ShampooActors.Math.Data;

namespace ShampooActors.Math.Tests.Data;

public sealed class BatchLoaderSpec
{
    /// <summary>n examples of two features [i, −i], labelled with their own index i, so a batch shows which examples it holds.</summary>
    private static ImageDataset Numbered(int n)
    {
        var images = new float[2 * n];
        for (var i = 0; i < n; i++)
            (images[2 * i], images[2 * i + 1]) = (i, -i);
        return new ImageDataset(images, Enumerable.Range(0, n).ToArray(), 2);
    }

    private static void AssertHolds(int[] examples, Batch batch)
    {
        Assert.Equal(examples, batch.Labels);
        Assert.Equal(examples.SelectMany(i => new float[] { i, -i }), batch.Images.ToArray());
    }

    [Fact]
    public void SplitMix64_seed_0_first_output_is_the_published_reference_value()
    {
        Assert.Equal(0xE220A8397B1DCDAFUL, new ReferenceOrder.SplitMix64(0).Next());
        Assert.Equal(0xE220A8397B1DCDAFUL, new SplitMix64(0).Next());
    }

    [Fact]
    public void First_permutation_equals_an_independent_transcription_of_the_workload_rule()
    {
        var expected = ReferenceOrder.Permutation(new ReferenceOrder.SplitMix64(0), 60000);

        var loader = new BatchLoader(Numbered(60000), 128);

        Assert.Equal(expected, loader.Permutation.ToArray());
        Assert.Equal(0, loader.Epoch);
        Assert.Equal(0, loader.BatchIndex);
    }

    [Fact]
    public void Batches_are_consecutive_slices_of_the_permutation()
    {
        var loader = new BatchLoader(Numbered(10), 3);
        var p = loader.Permutation.ToArray();

        for (var b = 0; b < 3; b++)
        {
            var batch = loader.Next();
            Assert.Equal((0, b), (batch.Epoch, batch.Index));
            AssertHolds(p[(3 * b)..(3 * b + 3)], batch);
        }
    }

    [Fact]
    public void Last_partial_batch_of_an_epoch_is_dropped()
    {
        var loader = new BatchLoader(Numbered(10), 3);
        var tail = loader.Permutation[9];
        Assert.Equal(3, loader.BatchesPerEpoch);

        var epoch0 = Enumerable.Range(0, 3).SelectMany(_ => loader.Next().Labels.ToArray()).ToArray();
        Assert.Equal((0, 3), (loader.Epoch, loader.BatchIndex));
        var next = loader.Next();

        Assert.DoesNotContain(tail, epoch0);
        Assert.Equal((1, 0), (next.Epoch, next.Index));
    }

    [Fact]
    public void Epoch_boundary_reshuffles_from_the_identity_with_the_generator_state_carried_over()
    {
        var rng = new ReferenceOrder.SplitMix64(0);
        var first = ReferenceOrder.Permutation(rng, 10);
        var second = ReferenceOrder.Permutation(rng, 10);
        var loader = new BatchLoader(Numbered(10), 5);

        AssertHolds(first[..5], loader.Next());
        AssertHolds(first[5..], loader.Next());
        AssertHolds(second[..5], loader.Next());

        Assert.Equal(second, loader.Permutation.ToArray());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Many_epochs_follow_the_reference_order_batch_for_batch()
    {
        var expected = ReferenceOrder.Batches(seed: 7, n: 37, batchSize: 5, epochs: 6);
        var loader = new BatchLoader(Numbered(37), 5, seed: 7);

        foreach (var examples in expected)
            AssertHolds(examples, loader.Next());
        Assert.Equal(5, loader.Epoch);
    }

    [Fact]
    public void Batch_buffers_are_reused_and_nothing_is_allocated_per_batch()
    {
        var loader = new BatchLoader(Numbered(1000), 32);
        var first = loader.Next();
        for (var i = 0; i < 100; i++)
            loader.Next();

        var before = GC.GetAllocatedBytesForCurrentThread();
        Batch last = default;
        for (var i = 0; i < 200; i++)
            last = loader.Next();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Same(first.Images, last.Images);
        Assert.Same(first.Labels, last.Labels);
        Assert.Same(loader.Images, last.Images);
        Assert.Same(loader.Labels, last.Labels);
        Assert.Equal(new[] { 32, 2 }, last.Images.ShapeArray());
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Saved_position_resumes_the_identical_sequence_in_a_new_loader()
    {
        var original = new BatchLoader(Numbered(23), 4, seed: 3);
        for (var i = 0; i < 7; i++)
            original.Next();
        var state = original.SaveState();
        var expected = Enumerable.Range(0, 12).Select(_ => Snapshot(original.Next())).ToList();

        var resumed = new BatchLoader(Numbered(23), 4, seed: 99);
        resumed.RestoreState(state);
        var actual = Enumerable.Range(0, 12).Select(_ => Snapshot(resumed.Next())).ToList();

        Assert.Equal((1, 2), (state.Epoch, state.BatchIndex));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Saved_state_is_a_copy_unaffected_by_later_draws()
    {
        var loader = new BatchLoader(Numbered(10), 5);
        var state = loader.SaveState();
        var permutation = state.Permutation.ToArray();

        for (var i = 0; i < 5; i++)
            loader.Next();

        Assert.Equal((0, 0), (state.Epoch, state.BatchIndex));
        Assert.Equal(permutation, state.Permutation);
        Assert.NotEqual(permutation, loader.Permutation.ToArray());
    }

    [Fact]
    public void Restoring_a_state_that_does_not_fit_the_loader_is_rejected()
    {
        var state = new BatchLoader(Numbered(10), 5).SaveState();

        Assert.Throws<ArgumentException>(() => new BatchLoader(Numbered(10), 2).RestoreState(state));
        Assert.Throws<ArgumentException>(() => new BatchLoader(Numbered(11), 5).RestoreState(state));
        Assert.Throws<ArgumentException>(() => new BatchLoader(Numbered(10), 5).RestoreState(state with { BatchIndex = 3 }));
        Assert.Throws<ArgumentException>(() => new BatchLoader(Numbered(10), 5).RestoreState(state with { Permutation = new int[10] }));
    }

    [Fact]
    public void Batch_size_larger_than_the_dataset_is_rejected_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => new BatchLoader(Numbered(10), 11));
        Assert.Equal("batchSize", error.ParamName);
        Assert.Contains("batch size 11 is larger than the dataset (10 examples)", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchLoader(Numbered(10), 0));
    }

    [Fact]
    public void Batch_size_equal_to_the_dataset_gives_one_batch_per_epoch()
    {
        var loader = new BatchLoader(Numbered(6), 6);
        var rng = new ReferenceOrder.SplitMix64(0);

        AssertHolds(ReferenceOrder.Permutation(rng, 6), loader.Next());
        AssertHolds(ReferenceOrder.Permutation(rng, 6), loader.Next());
    }

    private static (int Epoch, int Index, string Labels, string Images) Snapshot(Batch batch) =>
        (batch.Epoch, batch.Index, string.Join(",", batch.Labels), string.Join(",", batch.Images.ToArray()));
}
