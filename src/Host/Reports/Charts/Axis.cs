namespace ShampooActors.Host.Reports.Charts;

/// <summary>One axis fitted to the data: its scale, its range (bounded by the outer ticks) and its ticks.</summary>
internal sealed class Axis
{
    private Axis(ScaleKind kind, IReadOnlyList<Tick> ticks)
    {
        Kind = kind;
        Ticks = ticks;
        _low = Transform(ticks[0].Value);
        _high = Transform(ticks[^1].Value);
    }

    private readonly double _low;
    private readonly double _high;

    public ScaleKind Kind { get; }

    public IReadOnlyList<Tick> Ticks { get; }

    /// <summary>Whether <paramref name="value"/> can be placed on this axis: finite, and positive on a log axis.</summary>
    public bool Accepts(double value) => Accepts(Kind, value);

    /// <summary>Where <paramref name="value"/> lies between the ends of the axis, 0 to 1; only for accepted values.</summary>
    public double Fraction(double value) => (Transform(value) - _low) / (_high - _low);

    /// <summary>The axis for <paramref name="values"/>, those it cannot place ignored; with none left, a unit range.</summary>
    public static Axis Fit(ScaleKind kind, IEnumerable<double> values)
    {
        var usable = values.Where(v => Accepts(kind, v)).ToList();
        var (min, max) = usable.Count == 0
            ? (kind == ScaleKind.Log ? (1.0, 10.0) : (0.0, 1.0))
            : (usable.Min(), usable.Max());
        if (max <= min)
            (min, max) = Widen(kind, min);
        return new Axis(kind, kind == ScaleKind.Log ? Charts.Ticks.Log(min, max) : Charts.Ticks.Linear(min, max));
    }

    /// <summary>Whether an axis of <paramref name="kind"/> can place <paramref name="value"/>.</summary>
    public static bool Accepts(ScaleKind kind, double value) => double.IsFinite(value) && (kind == ScaleKind.Linear || value > 0);

    /// <summary>A range around a single value: a factor of two each way on a log axis; from zero to twice it (so a constant learning rate reads as a level, not noise) on a linear one.</summary>
    private static (double Min, double Max) Widen(ScaleKind kind, double value) => kind switch
    {
        ScaleKind.Log => (value / 2, value * 2),
        _ when value == 0 => (-1, 1),
        _ => (System.Math.Min(0, 2 * value), System.Math.Max(0, 2 * value)),
    };

    private double Transform(double value) => Kind == ScaleKind.Log ? System.Math.Log10(value) : value;
}
