using ShampooActors.Math.Nn;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Autograd;

/// <summary>What a tape records, when Backward may run, and what outlives the tape.</summary>
public sealed class GradientTapeSpec
{
    private static Tensor Leaf(params float[] values)
    {
        var t = Tensor.FromValues(values, values.Length);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void Gradients_from_two_backward_passes_accumulate_into_a_leaf()
    {
        var x = Leaf(1f, -2f, 3f);
        var c = Tensor.FromValues([0.5f, 4f, -1f], 3);
        using (new GradientTape())
            Ops.Sum(x * c).Backward();
        using (new GradientTape())
            Ops.Sum(x * x).Backward();
        // d/dx Σ x·c + d/dx Σ x² = c + 2x, and the leaf's gradient outlives both tapes.
        Assert.Equal(new[] { 0.5f + 2f, 4f - 4f, -1f + 6f }, x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_a_second_time_on_one_tape_throws_and_leaves_leaf_gradients_alone()
    {
        var x = Leaf(1f, 2f);
        using var tape = new GradientTape();
        var loss = Ops.Sum(x * x);
        loss.Backward();
        var error = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("already", error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { 2f, 4f }, x.Grad!.ToArray());
        Assert.Equal(1f, loss.Grad!.Item());
    }

    [Fact]
    public void Reading_a_result_after_its_tape_is_disposed_throws_ObjectDisposedException_saying_what_to_do()
    {
        var x = Leaf(1f, 2f);
        Tensor loss, unrecorded;
        Tensor kept;
        using (new GradientTape())
        {
            loss = Ops.Sum(x * x);
            // Results are tape memory even when nothing is recorded for them.
            unrecorded = Ops.Tanh(Tensor.FromValues([0.5f], 1));
            kept = loss.Clone();
        }
        var error = Assert.Throws<ObjectDisposedException>(() => loss.Item());
        Assert.Contains("GradientTape was disposed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Clone()", error.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => loss.ToArray());
        Assert.Throws<ObjectDisposedException>(() => unrecorded.Item());
        Assert.Contains("released", loss.ToString(), StringComparison.Ordinal);
        Assert.Equal(5f, kept.Item());
    }

    [Fact]
    public void Backward_after_the_tape_is_disposed_throws_ObjectDisposedException()
    {
        var x = Leaf(1f, 2f);
        Tensor loss;
        using (new GradientTape())
            loss = Ops.Sum(x * x);
        var error = Assert.Throws<ObjectDisposedException>(() => loss.Backward());
        Assert.Contains("GradientTape was disposed", error.Message, StringComparison.Ordinal);
        Assert.Null(x.Grad);
    }

    [Fact]
    public void Operations_outside_a_tape_record_nothing_and_Backward_says_to_open_one()
    {
        var x = Leaf(1f, 2f);
        var loss = Ops.Sum(x * x);
        Assert.False(loss.RequiresGrad);
        Assert.True(loss.IsLeaf);
        var error = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("GradientTape", error.Message, StringComparison.Ordinal);
        Assert.Null(x.Grad);
        Assert.Equal(5f, loss.Item());
    }

    [Fact]
    public void Operations_on_tensors_that_do_not_require_grad_are_not_recorded()
    {
        var data = Tensor.FromValues([1f, 2f], 2);
        var x = Leaf(3f, 4f);
        using var tape = new GradientTape();
        var y = Ops.Tanh(data * data);
        Assert.False(y.RequiresGrad);
        Assert.Equal(0, tape.OperationCount);
        var z = y * x;
        Assert.True(z.RequiresGrad);
        Assert.False(z.IsLeaf);
        Assert.Equal(1, tape.OperationCount);
        Ops.Sum(z).Backward();
        Assert.Null(data.Grad);
        Assert.Equal(y.ToArray(), x.Grad!.ToArray());
    }

    [Fact]
    public void ZeroGrad_sets_the_gradient_to_none_by_default_and_the_next_pass_starts_afresh()
    {
        var x = Leaf(1f, 2f);
        for (var pass = 0; pass < 2; pass++)
        {
            using (new GradientTape())
                Ops.Sum(x * x).Backward();
            Assert.Equal(new[] { 2f, 4f }, x.Grad!.ToArray());
            x.ZeroGrad();
            Assert.Null(x.Grad);
        }
    }

    [Fact]
    public void ZeroGrad_without_set_to_none_keeps_a_gradient_of_zeros_to_accumulate_into()
    {
        var x = Leaf(1f, 2f);
        using (new GradientTape())
            Ops.Sum(x * x).Backward();
        x.ZeroGrad(setToNone: false);
        Assert.Equal(new[] { 0f, 0f }, x.Grad!.ToArray());
        using (new GradientTape())
            Ops.Sum(x).Backward();
        Assert.Equal(new[] { 1f, 1f }, x.Grad!.ToArray());
    }

    [Fact]
    public void ZeroGrad_on_a_leaf_without_a_gradient_leaves_it_none_either_way()
    {
        var x = Leaf(1f);
        x.ZeroGrad(setToNone: false);
        Assert.Null(x.Grad);
    }

    [Fact]
    public void Module_ZeroGrad_clears_every_parameter()
    {
        var model = new Sequential(new Linear(2, 3, new SplitMix64(1)), new Linear(3, 1, new SplitMix64(2)));
        using (new GradientTape())
            Ops.Sum(model.Forward(Tensor.Full(1f, 4, 2))).Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Grad));
        model.ZeroGrad(setToNone: false);
        Assert.All(model.Parameters(), p => Assert.All(p.Grad!.ToArray(), v => Assert.Equal(0f, v)));
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void Backward_without_a_seed_needs_a_one_element_result_and_a_seed_must_match_the_shape()
    {
        var x = Leaf(1f, 2f);
        using var tape = new GradientTape();
        var y = x * x;
        Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Throws<ArgumentException>(() => y.Backward(Tensor.Zeros(3)));
    }

    [Fact]
    public void Tapes_must_be_disposed_innermost_first()
    {
        var outer = new GradientTape();
        var inner = new GradientTape();
        try
        {
            Assert.Same(inner, GradientTape.Current);
            Assert.Throws<InvalidOperationException>(() => outer.Dispose());
        }
        finally
        {
            inner.Dispose();
        }
        Assert.Same(outer, GradientTape.Current);
        outer.Dispose();
        Assert.Null(GradientTape.Current);
    }

    [Fact]
    public void A_second_identical_training_step_takes_every_buffer_from_the_pool_and_gives_identical_gradients()
    {
        var pool = new BufferPool();
        var model = new Sequential(new Linear(4, 8, new SplitMix64(3)), new ReLU(), new Linear(8, 3, new SplitMix64(4)));
        var random = new TestRandom(5);
        var x = random.Tensor(-1, 1, 6, 4);
        int[] labels = [0, 1, 2, 2, 1, 0];

        float[][] Step()
        {
            model.ZeroGrad();
            using (new GradientTape(pool))
                Ops.CrossEntropy(model.Forward(x), labels).Backward();
            return model.Parameters().Select(p => p.Grad!.ToArray()).ToArray();
        }

        var first = Step();
        var missesAfterFirst = pool.Misses;
        Assert.True(missesAfterFirst > 0);
        // The second step reuses buffers that hold the first step's values: any op that adds to its recycled
        // output or gradient instead of overwriting it would change the gradients.
        var second = Step();
        Assert.Equal(missesAfterFirst, pool.Misses);
        Assert.Equal(first, second);
        Step();
        Assert.Equal(missesAfterFirst, pool.Misses);
    }
}
