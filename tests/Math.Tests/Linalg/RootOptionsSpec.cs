using ShampooActors.Math.Linalg;
using ShampooActors.Math.Optim;

namespace ShampooActors.Math.Tests.Linalg;

/// <summary>RootOptions: the documented defaults, and Validate naming the option that is out of range.</summary>
public sealed class RootOptionsSpec
{
    [Fact]
    public void Defaults_are_those_of_the_algorithms_document()
    {
        var options = new RootOptions();

        Assert.Equal(RootMethod.Eigh, options.Method);
        Assert.Equal(1e-6, options.Ridge);
        Assert.Equal(RidgeKind.Relative, options.RidgeKind);
        Assert.Equal(1e-6, options.NewtonTolerance);
        Assert.Equal(100, options.NewtonMaxIterations);
        Assert.Equal(0.1, options.AcceptResidual);
        Assert.Equal(0, options.Retries);
        Assert.Equal(100, options.PowerIterations);
        Assert.Equal(1e-6, options.PowerTolerance);
        options.Validate();
    }

    public static TheoryData<string, RootOptions> Invalid() => new()
    {
        { "method", new RootOptions { Method = (RootMethod)7 } },
        { "ridge-kind", new RootOptions { RidgeKind = (RidgeKind)7 } },
        { "ridge", new RootOptions { Ridge = 0 } },
        { "ridge", new RootOptions { Ridge = -1e-6 } },
        { "ridge", new RootOptions { Ridge = double.NaN } },
        { "ridge", new RootOptions { Ridge = double.PositiveInfinity } },
        { "newton-tolerance", new RootOptions { NewtonTolerance = 0 } },
        { "accept-residual", new RootOptions { AcceptResidual = double.NaN } },
        { "power-tolerance", new RootOptions { PowerTolerance = -1 } },
        { "newton-max-iterations", new RootOptions { NewtonMaxIterations = 0 } },
        { "power-iterations", new RootOptions { PowerIterations = 0 } },
        { "retries", new RootOptions { Retries = -1 } },
        { "retries", new RootOptions { Retries = 6 } },
    };

    [Theory, MemberData(nameof(Invalid))]
    public void Validate_rejects_an_out_of_range_value_naming_the_option(string option, RootOptions options)
    {
        var error = Assert.Throws<InvalidOptionsException>(options.Validate);

        Assert.Equal(option, error.Option);
        Assert.Contains(option, error.Message);
    }

    [Fact]
    public void Validate_accepts_the_edges_of_the_ranges()
    {
        new RootOptions { Retries = 5, NewtonMaxIterations = 1, PowerIterations = 1, Ridge = double.Epsilon }.Validate();
        new RootOptions { AcceptResidual = double.MaxValue, Method = RootMethod.CoupledNewton, RidgeKind = RidgeKind.Absolute }.Validate();
    }
}
