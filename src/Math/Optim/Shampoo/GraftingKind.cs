namespace ShampooActors.Math.Optim;

/// <summary>The diagonal method whose update magnitude Shampoo's direction is grafted onto.</summary>
public enum GraftingKind
{
    /// <summary>No grafting: Shampoo's direction is used as it is (plain SGD before preconditioning starts).</summary>
    None,

    /// <summary>D = g.</summary>
    Sgd,

    /// <summary>D = g / (√Σg² + ε).</summary>
    Adagrad,

    /// <summary>D = g / (√EMA(g²) + ε).</summary>
    RmsProp,

    /// <summary>D = m̂ / (√v̂ + ε), bias-corrected first and second moments.</summary>
    Adam,

    /// <summary>Adagrad applied to g/‖g‖.</summary>
    NormalizedAdagrad,

    /// <summary>RMSprop applied to g/‖g‖.</summary>
    NormalizedRmsProp,
}
