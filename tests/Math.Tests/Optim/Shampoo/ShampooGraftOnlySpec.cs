using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>The per-block graft-only switch: a switched block takes the grafted update D, the others stay preconditioned.</summary>
public sealed class ShampooGraftOnlySpec
{
    /// <summary>Block size 3 without merging: [3,6] has 2 blocks, [6,5] has 4 (two of them 3×2), [4,3,5] has 4 gathered ones.</summary>
    private static readonly int[][] Shapes = [[3, 6], [6, 5], [4, 3, 5]];

    /// <summary>Preconditioning from step 1 with roots every other step, Nesterov momentum and decoupled decay.</summary>
    private static ShampooOptions Busy(GraftingKind kind, GraftNorm norm) => new()
    {
        Lr = 0.05,
        StartPreconditioningStep = 1,
        PreconditionEvery = 2,
        Blocking = new BlockingOptions { BlockSize = 3, MergeDimsThreshold = 1 },
        Grafting = new GraftingOptions { Kind = kind, Norm = norm },
        WeightDecay = new WeightDecayOptions { Value = 0.01 },
    };

    /// <summary>
    /// One step with roots computed at once, SGD magnitude (D = g), no momentum, no decay, and lr 0.5 so that θ − lr·g is
    /// exact in float32 for the quarter-step values used here.
    /// </summary>
    private static ShampooOptions Plain(GraftingKind kind, GraftNorm norm) => new()
    {
        Lr = 0.5,
        StartPreconditioningStep = 1,
        PreconditionEvery = 1,
        Blocking = new BlockingOptions { BlockSize = 3, MergeDimsThreshold = 1 },
        Grafting = new GraftingOptions { Kind = kind, Norm = norm },
        Momentum = new MomentumOptions { Beta1 = 0 },
    };

    public static TheoryData<GraftingKind, GraftNorm> Graftings()
    {
        var data = new TheoryData<GraftingKind, GraftNorm>();
        foreach (var kind in Enum.GetValues<GraftingKind>())
        {
            foreach (var norm in Enum.GetValues<GraftNorm>())
                data.Add(kind, norm);
        }
        return data;
    }

    private static Parameter[] NewParameters(int seed)
    {
        var random = new TestRandom(seed);
        return Shapes.Select(s => new Parameter(random.Floats(s.Aggregate(1, (a, b) => a * b), -1, 1), s)).ToArray();
    }

    /// <summary>Sets gradient <paramref name="t"/> (1-based, the same for every optimizer) on every parameter and steps.</summary>
    private static void StepRandom(Shampoo optimizer, Parameter[] parameters, int t)
    {
        var random = new TestRandom(100 + t);
        foreach (var p in parameters)
            p.Grad = random.Tensor(-1, 1, p.ShapeArray());
        optimizer.Step();
    }

    /// <summary>Quarter steps in ±[0.125, 1.375], never 0, exact in float32 (and times 0.5).</summary>
    private static float[] Quarters(int length, int t) =>
        Enumerable.Range(0, length).Select(i => (float)(((i * 7 + t * 5) % 11 - 5.5) / 4)).ToArray();

    /// <summary>Eighth steps in ±[0.125, 1.625], exact in float32.</summary>
    private static float[] Theta0(int length) => Enumerable.Range(0, length).Select(i => (float)(((i * 5) % 13 - 6.5) / 4)).ToArray();

    private static uint[] Bits(Tensor t) => t.ToArray().Select(BitConverter.SingleToUInt32Bits).ToArray();

    /// <summary>The flat indices of block <paramref name="geometry"/> of a row-major matrix with <paramref name="columns"/> columns.</summary>
    private static int[] Region(BlockGeometry geometry, int columns) =>
        (from r in Enumerable.Range(geometry.Offset[0], geometry.Extent[0])
         from c in Enumerable.Range(geometry.Offset[1], geometry.Extent[1])
         select r * columns + c).ToArray();

    private static void AssertSameState(OptimizerStateDict expected, OptimizerStateDict actual)
    {
        Assert.Equal(expected.State.Keys.Order(), actual.State.Keys.Order());
        foreach (var (index, state) in expected.State)
        {
            var other = actual.State[index];
            Assert.Equal(state.Step, other.Step);
            Assert.Equal(state.Buffers.Keys.Order(), other.Buffers.Keys.Order());
            foreach (var (name, buffer) in state.Buffers)
                Assert.True(Bits(buffer).SequenceEqual(Bits(other.Buffers[name])), $"parameter {index}, buffer {name} differs");
            Assert.Equal(state.CounterValues.OrderBy(c => c.Key), other.CounterValues.OrderBy(c => c.Key));
        }
    }

    [Theory]
    [MemberData(nameof(Graftings))]
    public void With_every_block_graft_only_steps_are_bit_identical_to_steps_before_start_preconditioning_step(GraftingKind kind, GraftNorm norm)
    {
        var switched = NewParameters(1);
        var optimizer = new Shampoo(switched, Busy(kind, norm));
        foreach (var block in optimizer.Blocks)
            optimizer.SetGraftOnly(block.Id, true);
        var warm = NewParameters(1);
        var twin = new Shampoo(warm, Busy(kind, norm) with { StartPreconditioningStep = 100 });
        for (var t = 1; t <= 5; t++)
        {
            StepRandom(optimizer, switched, t);
            StepRandom(twin, warm, t);
            for (var i = 0; i < switched.Length; i++)
                Assert.True(Bits(warm[i]).SequenceEqual(Bits(switched[i])), $"step {t}, parameter {i} differs");
        }
        // Statistics, roots, graft state and momentum all went on as in the twin.
        AssertSameState(twin.StateDict(), optimizer.StateDict());
        foreach (var block in optimizer.Blocks)
        {
            var (a, b) = (twin.Snapshot(block.Id), optimizer.Snapshot(block.Id));
            Assert.Equal(a.Version, b.Version);
            Assert.Equal(a.Factors.Select(f => f.Matrix), b.Factors.Select(f => f.Matrix));
        }
    }

    [Theory]
    [MemberData(nameof(Graftings))]
    public void Switches_turned_off_again_leave_steps_bit_identical_to_an_optimizer_never_switched(GraftingKind kind, GraftNorm norm)
    {
        var switched = NewParameters(2);
        var optimizer = new Shampoo(switched, Busy(kind, norm));
        foreach (var block in optimizer.Blocks)
        {
            optimizer.SetGraftOnly(block.Id, true);
            optimizer.SetGraftOnly(block.Id, false);
            Assert.False(optimizer.IsGraftOnly(block.Id));
        }
        var plain = NewParameters(2);
        var twin = new Shampoo(plain, Busy(kind, norm));
        for (var t = 1; t <= 5; t++)
        {
            StepRandom(optimizer, switched, t);
            StepRandom(twin, plain, t);
            for (var i = 0; i < switched.Length; i++)
                Assert.True(Bits(plain[i]).SequenceEqual(Bits(switched[i])), $"step {t}, parameter {i} differs");
        }
        AssertSameState(twin.StateDict(), optimizer.StateDict());
    }

    [Theory]
    [InlineData(GraftingKind.Sgd)]
    [InlineData(GraftingKind.None)]
    public void A_graft_only_block_moves_by_the_graft_update_while_its_neighbour_moves_as_if_nothing_were_switched(GraftingKind kind)
    {
        // [3,6] has block 0 = columns 0–2 and block 1 = columns 3–5. D = g for both kinds (None grafts nothing, but its D is
        // the gradient, the update before start-preconditioning-step).
        var options = Plain(kind, GraftNorm.Block);
        var p = new Parameter(Theta0(18), 3, 6);
        var optimizer = new Shampoo([p], options);
        optimizer.SetGraftOnly(0, true);
        var q = new Parameter(Theta0(18), 3, 6);
        var twin = new Shampoo([q], options);
        var graftOnly = Region(optimizer.Blocks[0].Geometry, 6);
        var preconditioned = Region(optimizer.Blocks[1].Geometry, 6);
        var expected = Theta0(18).Select(x => (double)x).ToArray();
        for (var t = 1; t <= 3; t++)
        {
            var g = Quarters(18, t);
            p.Grad = Tensor.FromValues(g, 3, 6);
            q.Grad = Tensor.FromValues(g, 3, 6);
            optimizer.Step();
            twin.Step();
            foreach (var i in graftOnly)
            {
                expected[i] -= 0.5 * g[i];
                Assert.Equal(expected[i], p.Data[i]);
            }
            // The twin's block 1 is preconditioned and grafted on its own (per block, or not at all): the same bits.
            foreach (var i in preconditioned)
                Assert.Equal(BitConverter.SingleToUInt32Bits(q.Data[i]), BitConverter.SingleToUInt32Bits(p.Data[i]));
        }
    }

    [Fact]
    public void Per_parameter_grafting_takes_its_norms_over_the_preconditioned_blocks_only()
    {
        // [6,5]: blocks 0 (rows 0–2, cols 0–2), 1 (rows 0–2, cols 3–4), 2 (rows 3–5, cols 0–2), 3 (rows 3–5, cols 3–4).
        var g = new TestRandom(7).AwayFromZero(30, 0.25, 1.5);
        var p = new Parameter(new float[30], 6, 5);
        p.Grad = Tensor.FromValues(g, 6, 5);
        var optimizer = new Shampoo([p], Plain(GraftingKind.Sgd, GraftNorm.Parameter));
        optimizer.SetGraftOnly(1, true);
        optimizer.Step();

        // The raw direction P: grafting kind None scales nothing, so with θ = 0 and lr = 1 one step leaves exactly −P.
        var q = new Parameter(new float[30], 6, 5);
        q.Grad = Tensor.FromValues(g, 6, 5);
        new Shampoo([q], Plain(GraftingKind.None, GraftNorm.Parameter) with { Lr = 1 }).Step();
        var direction = q.ToArray().Select(x => -(double)x).ToArray();

        var graftOnly = Region(optimizer.Blocks[1].Geometry, 5);
        var preconditioned = Enumerable.Range(0, 30).Except(graftOnly).ToArray();
        var scale = System.Math.Sqrt(preconditioned.Sum(i => (double)g[i] * g[i])) / System.Math.Sqrt(preconditioned.Sum(i => direction[i] * direction[i]));
        var wholeScale = System.Math.Sqrt(g.Sum(x => (double)x * x)) / System.Math.Sqrt(direction.Sum(x => x * x));
        Assert.True(System.Math.Abs(scale - wholeScale) > 1e-3 * scale, "the data should tell the two norms apart");

        var expected = new double[30];
        foreach (var i in graftOnly)
            expected[i] = -0.5 * g[i];
        foreach (var i in preconditioned)
            expected[i] = -0.5 * scale * direction[i];
        // The graft-only block exactly; the rest through a float32 scale factor and float32 products.
        foreach (var i in graftOnly)
            Assert.Equal(expected[i], p.Data[i]);
        OptimFixture.AssertClose(expected, p.Data, "per-parameter grafting");
        // The preconditioned blocks carry the graft's magnitude there: ‖update‖ = lr·‖D‖ over them.
        var moved = System.Math.Sqrt(preconditioned.Sum(i => (double)p.Data[i] * p.Data[i]));
        Assert.Equal(0.5 * System.Math.Sqrt(preconditioned.Sum(i => (double)g[i] * g[i])), moved, 1e-5);
    }

    [Fact]
    public void Turning_the_switch_off_restores_preconditioning_from_the_next_step()
    {
        var options = Plain(GraftingKind.Adagrad, GraftNorm.Parameter) with { WeightDecay = new WeightDecayOptions { Value = 0.1 } };
        var random = new TestRandom(3);
        var theta = random.Floats(30, -1, 1);
        var (g1, g2) = (random.Floats(30, -1, 1), random.Floats(30, -1, 1));
        var p = new Parameter(theta, 6, 5);
        var optimizer = new Shampoo([p], options);
        optimizer.SetGraftOnly(2, true);
        var q = new Parameter(theta, 6, 5);
        var twin = new Shampoo([q], options);
        p.Grad = Tensor.FromValues(g1, 6, 5);
        q.Grad = Tensor.FromValues(g1, 6, 5);
        optimizer.Step();
        twin.Step();
        Assert.False(Bits(p).SequenceEqual(Bits(q)), "the graft-only step should differ");

        // Without momentum, the step depends on θ, the gradient and state the switch does not touch: from the same θ, the
        // switched-back optimizer and the never-switched twin take the same step.
        optimizer.SetGraftOnly(2, false);
        p.Data.CopyTo(q.Data);
        p.Grad = Tensor.FromValues(g2, 6, 5);
        q.Grad = Tensor.FromValues(g2, 6, 5);
        optimizer.Step();
        twin.Step();
        Assert.Equal(Bits(q), Bits(p));
    }

    [Fact]
    public void The_switch_is_not_part_of_the_state_dict()
    {
        var parameters = NewParameters(4);
        var optimizer = new Shampoo(parameters, Busy(GraftingKind.Adam, GraftNorm.Block));
        for (var t = 1; t <= 2; t++)
            StepRandom(optimizer, parameters, t);
        var before = optimizer.StateDict();
        optimizer.SetGraftOnly(0, true);
        optimizer.SetGraftOnly(5, true);
        var after = optimizer.StateDict();
        AssertSameState(before, after);
        Assert.Equal(before.ParamGroups.Select(g => g.Options), after.ParamGroups.Select(g => g.Options));

        var fresh = new Shampoo(NewParameters(4), Busy(GraftingKind.Adam, GraftNorm.Block));
        fresh.LoadStateDict(after);
        Assert.All(fresh.Blocks, b => Assert.False(fresh.IsGraftOnly(b.Id)));
        AssertSameState(after, fresh.StateDict());
    }

    [Fact]
    public void Loading_a_state_dict_with_the_same_blocks_keeps_the_switches()
    {
        var parameters = NewParameters(5);
        var optimizer = new Shampoo(parameters, Busy(GraftingKind.Adagrad, GraftNorm.Parameter));
        StepRandom(optimizer, parameters, 1);
        optimizer.SetGraftOnly(3, true);
        optimizer.LoadStateDict(optimizer.StateDict());
        Assert.Equal(optimizer.Blocks.Select(b => b.Id == 3), optimizer.Blocks.Select(b => optimizer.IsGraftOnly(b.Id)));
    }

    [Fact]
    public void Block_ids_out_of_range_are_rejected()
    {
        var optimizer = new Shampoo(NewParameters(6), Busy(GraftingKind.Adagrad, GraftNorm.Parameter));
        var count = optimizer.Blocks.Count;
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.SetGraftOnly(-1, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.SetGraftOnly(count, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.IsGraftOnly(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.IsGraftOnly(count));
    }

    [Theory]
    [InlineData(GraftNorm.Parameter)]
    [InlineData(GraftNorm.Block)]
    public void Steps_with_some_blocks_graft_only_allocate_nothing(GraftNorm norm)
    {
        var parameters = NewParameters(8);
        var optimizer = new Shampoo(parameters, Busy(GraftingKind.Adagrad, norm) with { PreconditionEvery = 1000 });
        optimizer.SetGraftOnly(0, true);
        optimizer.SetGraftOnly(3, true);
        foreach (var p in parameters)
            p.Grad = new TestRandom(9).Tensor(-1, 1, p.ShapeArray());
        for (var t = 0; t < 3; t++)
            optimizer.Step();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 0; t < 20; t++)
            optimizer.Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
