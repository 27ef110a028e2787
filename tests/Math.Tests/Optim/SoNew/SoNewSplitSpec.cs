using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;
using ShampooActors.Math.Tests.Support;

namespace ShampooActors.Math.Tests.Optim.SoNew;

/// <summary>A parameter large enough to be split over the cores steps exactly as the kernels run over it in one range.</summary>
public sealed class SoNewSplitSpec
{
    [Theory]
    [InlineData(SoNewStructure.Tridiagonal, 1)]
    [InlineData(SoNewStructure.Banded, 2)]
    [InlineData(SoNewStructure.Banded, 4)]
    public void A_split_parameter_gets_the_unsplit_step_bit_for_bit(SoNewStructure structure, int band)
    {
        // Without a graft the step size is the bias correction, so nothing depends on the order of a sum and the split
        // must not change a single bit; 3 steps, so the band is past rank one.
        const int rows = 101, columns = 397;
        const int n = rows * columns;
        Assert.True(n >= SoNewWork.SplitThreshold && SoNewWork.RangesFor(n) > 1);
        var rng = new TestRandom(23);
        var theta0 = rng.Floats(n, -1, 1);
        var gradients = Enumerable.Range(0, 3).Select(_ => rng.Floats(n, -1, 1)).ToArray();
        var options = new SoNewOptions
        {
            Lr = 0.01, Structure = structure, Band = band, WeightDecay = 0.1, Grafting = new GraftingOptions { Kind = GraftingKind.None },
        };
        var p = new Parameter(theta0, rows, columns);
        var sonew = new ShampooActors.Math.Optim.SoNew([p], options);

        var theta = theta0.ToArray();
        var m = new float[n];
        var bands = Enumerable.Range(0, band + 1).Select(_ => new float[n]).ToArray();
        var u = new float[n];
        var scratch = new float[BandedDirection.ScratchLength];
        for (var t = 1; t <= 3; t++)
        {
            p.Grad = Tensor.FromValues(gradients[t - 1], rows, columns);
            sonew.Step();

            var statistics = new SoNewStatistics(options.Beta1, options.Beta2, new GraftRule(options.Grafting, t, 1), false, false);
            var (_, max) = statistics.Run(gradients[t - 1], m, bands[0], bands[1], default, default, 0, n);
            if (band > 1)
                statistics.UpdateOffDiagonals(gradients[t - 1], bands[2], band > 2 ? bands[3] : default, band > 3 ? bands[4] : default, 0, n);
            var damping = (float)(options.Epsilon * max);
            if (band == 1)
                TridiagonalDirection.Run(bands[0], bands[1], m, damping, u, 0, n);
            else
            {
                var spans = new BandSpans(bands[0], bands[1], bands[2], band > 2 ? bands[3] : default, band > 3 ? bands[4] : default);
                BandedDirection.Run(spans, band, damping, m, u, 0, n, scratch);
            }
            var scale = (1 - System.Math.Pow(options.Beta2, t)) / (1 - System.Math.Pow(options.Beta1, t));
            ElementwiseUpdate.Run(new SoNewStepRule(1 - options.Lr * options.WeightDecay, options.Lr * scale), theta, u);

            Assert.Equal(theta, p.Data.ToArray());
        }
    }
}
