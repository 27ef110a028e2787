using ShampooActors.Host.Settings;
using ShampooActors.Math.Nn;
using ShampooActors.Math.Optim;

namespace ShampooActors.Host;

/// <summary>Builds the optimizer an <see cref="OptimizerSettings"/> describes.</summary>
internal static class OptimizerFactory
{
    /// <summary>The optimizer over <paramref name="parameters"/> with the settings' options record.</summary>
    public static Optimizer Create(OptimizerSettings settings, IEnumerable<Parameter> parameters) => settings.Options switch
    {
        SgdOptions o => new Sgd(parameters, o),
        AdamOptions o => new Adam(parameters, o),
        AdamWOptions o => new AdamW(parameters, o),
        AdagradOptions o => new Adagrad(parameters, o),
        RmsPropOptions o => new RmsProp(parameters, o),
        ShampooOptions o => new Shampoo(parameters, o),
        SoNewOptions o => new SoNew(parameters, o),
        NeumannOptions o => new Neumann(parameters, o),
        var o => throw new ArgumentException($"no optimizer takes {o.GetType().Name}", nameof(settings)),
    };
}
