using ShampooActors.Math.Linalg;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Optim;

/// <summary>The asynchronous seam: snapshots handed out when due, roots adopted only when newer, staleness.</summary>
public sealed class ExternalRootsSpec
{
    private static readonly ShampooOptions Options = new()
    {
        Lr = 0.01,
        PreconditionEvery = 3,
        StartPreconditioningStep = 1,
        Blocking = new BlockingOptions { BlockSize = 3 },
    };

    private static (Shampoo Optimizer, Parameter P, TestRandom Random) External(RootComputation mode = RootComputation.External)
    {
        var random = new TestRandom(11);
        var p = new Parameter(random.Floats(30, -1, 1), 6, 5);
        return (new Shampoo([p], Options) { Mode = mode }, p, random);
    }

    private static float[] StepWithRandomGradient(Shampoo optimizer, Parameter p, TestRandom random)
    {
        var g = random.Floats(30, -1, 1);
        p.Grad = Tensor.FromValues(g, 6, 5);
        optimizer.Step();
        return g;
    }

    [Fact]
    public void Snapshots_fall_due_every_precondition_every_steps_one_per_block_versioned_with_the_step()
    {
        var (optimizer, p, random) = External();
        var gradients = new List<float[]>();
        for (var t = 1; t <= 2; t++)
        {
            gradients.Add(StepWithRandomGradient(optimizer, p, random));
            Assert.Empty(optimizer.TakeSnapshots());
        }
        gradients.Add(StepWithRandomGradient(optimizer, p, random));
        var snapshots = optimizer.TakeSnapshots();
        Assert.Equal(optimizer.Blocks.Select(b => b.Id), snapshots.Select(s => s.BlockId));
        Assert.All(snapshots, s => Assert.Equal(3, s.Version));
        Assert.Empty(optimizer.TakeSnapshots());

        // Block 0 is rows 0–2 × cols 0–2: its L is Σ_t G_b G_bᵀ over the three gradients, computed here in float64.
        var left = snapshots[0].Factors[0];
        Assert.Equal(3, left.Size);
        Assert.Equal(4, left.Exponent);
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                double expected = 0;
                foreach (var g in gradients)
                    for (var k = 0; k < 3; k++)
                        expected += (double)g[i * 5 + k] * g[j * 5 + k];
                // Nine float32 products summed in float32: ≲ 1e-6 relative to values of O(1).
                Assert.True(System.Math.Abs(expected - left.Matrix[i * 3 + j]) <= 1e-5, $"L[{i},{j}]: expected {expected}, got {left.Matrix[i * 3 + j]}");
            }
        }
    }

    [Fact]
    public void A_newer_snapshot_replaces_an_older_one_still_waiting()
    {
        var (optimizer, p, random) = External();
        for (var t = 1; t <= 6; t++)
            StepWithRandomGradient(optimizer, p, random);
        var snapshots = optimizer.TakeSnapshots();
        Assert.Equal(optimizer.Blocks.Count, snapshots.Count);
        Assert.All(snapshots, s => Assert.Equal(6, s.Version));
    }

    [Fact]
    public void Roots_are_adopted_only_when_their_version_is_newer_than_the_one_in_use()
    {
        var (optimizer, p, random) = External();
        for (var t = 1; t <= 3; t++)
            StepWithRandomGradient(optimizer, p, random);
        var old = optimizer.TakeSnapshots()[0];
        for (var t = 4; t <= 6; t++)
            StepWithRandomGradient(optimizer, p, random);
        var newer = optimizer.TakeSnapshots()[0];

        Assert.Equal(0, optimizer.RootVersion(0));
        Assert.True(optimizer.TryAdoptRoots(ShampooRoots.Compute(newer)));
        Assert.Equal(6, optimizer.RootVersion(0));
        Assert.False(optimizer.TryAdoptRoots(ShampooRoots.Compute(old)));
        Assert.False(optimizer.TryAdoptRoots(ShampooRoots.Compute(newer)));
        Assert.Equal(6, optimizer.RootVersion(0));
        Assert.Equal(1, optimizer.RootStatistics.Adopted);
        Assert.Equal(2, optimizer.RootStatistics.NotAdopted);
    }

    [Fact]
    public void Roots_from_a_step_not_yet_taken_are_refused()
    {
        var (optimizer, p, random) = External();
        for (var t = 1; t <= 3; t++)
            StepWithRandomGradient(optimizer, p, random);
        var snapshot = optimizer.TakeSnapshots()[0];
        Assert.False(optimizer.TryAdoptRoots(ShampooRoots.Compute(snapshot with { Version = 4 })));
        Assert.Equal(0, optimizer.RootVersion(0));
    }

    [Fact]
    public void A_rejected_root_never_replaces_the_one_in_use_and_is_counted_as_a_failure()
    {
        var (optimizer, p, random) = External();
        for (var t = 1; t <= 3; t++)
            StepWithRandomGradient(optimizer, p, random);
        var snapshot = optimizer.TakeSnapshots()[0];
        var good = ShampooRoots.Compute(snapshot);
        var failed = good with { Factors = [good.Factors[0], new InverseRoot(null, good.Factors[1].Diagnostics with { Accepted = false })] };
        var before = optimizer.GetState(p)!.Buffer("block0.root0").ToArray();

        Assert.False(optimizer.TryAdoptRoots(failed));
        Assert.Equal(before, optimizer.GetState(p)!.Buffer("block0.root0").ToArray());
        Assert.Equal(0, optimizer.RootVersion(0));
        Assert.Equal(1, optimizer.RootStatistics.Failures);
    }

    [Fact]
    public void A_statistic_holding_NaN_gives_rejected_roots_instead_of_an_exception()
    {
        var snapshot = new StatisticsSnapshot(0, 3, [new FactorStatistics(2, 2, [1, double.NaN, double.NaN, 1])], new RootOptions());
        var roots = ShampooRoots.Compute(snapshot);
        Assert.False(roots.Accepted);
        Assert.Null(roots.Factors[0].Root);
    }

    [Fact]
    public void Staleness_is_the_step_minus_the_version_in_use()
    {
        var (optimizer, p, random) = External();
        for (var t = 1; t <= 3; t++)
            StepWithRandomGradient(optimizer, p, random);
        Assert.Equal(3, optimizer.Staleness(0));
        var snapshot = optimizer.TakeSnapshots()[0];
        for (var t = 4; t <= 5; t++)
            StepWithRandomGradient(optimizer, p, random);
        optimizer.TryAdoptRoots(ShampooRoots.Compute(snapshot));
        Assert.Equal(2, optimizer.Staleness(0));
        Assert.Equal(5, optimizer.Staleness(1));
    }

    [Fact]
    public void Inline_roots_are_the_pure_function_of_the_same_snapshot()
    {
        var (inline, pInline, randomInline) = External(RootComputation.Synchronous);
        var (external, pExternal, randomExternal) = External();
        for (var t = 1; t <= 3; t++)
        {
            // Until step 3 both use identity roots, so both hold the same statistics when the roots fall due.
            StepWithRandomGradient(inline, pInline, randomInline);
            StepWithRandomGradient(external, pExternal, randomExternal);
        }
        foreach (var snapshot in external.TakeSnapshots())
        {
            var roots = ShampooRoots.Compute(snapshot);
            Assert.True(roots.Accepted);
            Assert.Equal(3, inline.RootVersion(snapshot.BlockId));
            var local = external.Blocks[snapshot.BlockId];
            for (var f = 0; f < roots.Factors.Count; f++)
            {
                var expected = roots.Factors[f].Root!.Select(x => (float)x).ToArray();
                var name = $"block{snapshot.BlockId}.root{(local.FactorSizes.Count == 2 ? f : 1)}";
                Assert.Equal(expected, inline.GetState(pInline)!.Buffer(name).ToArray());
            }
        }
        Assert.Equal(0, inline.Staleness(0));
    }

    [Fact]
    public void Adopted_roots_steer_the_next_step_like_inline_roots_of_the_same_version()
    {
        // Inline roots at step 3 are used from step 3 on; external roots of version 3 adopted after step 3 are used
        // from step 4 on. So with preconditioning starting at 4 both runs take identical steps.
        var options = Options with { StartPreconditioningStep = 4 };
        var random = new TestRandom(2);
        var theta = random.Floats(30, -1, 1);
        var a = new Parameter(theta, 6, 5);
        var b = new Parameter(theta, 6, 5);
        var inline = new Shampoo([a], options);
        var external = new Shampoo([b], options) { Mode = RootComputation.External };
        for (var t = 1; t <= 5; t++)
        {
            var g = random.Floats(30, -1, 1);
            a.Grad = Tensor.FromValues(g, 6, 5);
            b.Grad = Tensor.FromValues(g, 6, 5);
            inline.Step();
            external.Step();
            foreach (var snapshot in external.TakeSnapshots())
                Assert.True(external.TryAdoptRoots(ShampooRoots.Compute(snapshot)));
            Assert.Equal(a.ToArray(), b.ToArray());
        }
    }
}
