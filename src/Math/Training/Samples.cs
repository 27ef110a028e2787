namespace ShampooActors.Math.Training;

/// <summary>Repeated measurements of one quantity, summarised by the 10th percentile and the median.</summary>
public sealed class Samples
{
    private readonly List<double> _values = [];

    /// <summary>Samples holding <paramref name="values"/>.</summary>
    public static Samples Of(IEnumerable<double> values)
    {
        var samples = new Samples();
        samples.AddRange(values);
        return samples;
    }

    /// <summary>Adds one measurement.</summary>
    public void Add(double value) => _values.Add(value);

    /// <summary>Adds many measurements.</summary>
    public void AddRange(IEnumerable<double> values) => _values.AddRange(values);

    /// <summary>The number of measurements.</summary>
    public int Count => _values.Count;

    /// <summary>The 10th percentile (nearest rank).</summary>
    public double P10 => Percentile(0.10);

    /// <summary>The median (nearest rank).</summary>
    public double Median => Percentile(0.50);

    /// <summary>The value below which a fraction <paramref name="q"/> of the measurements lie (nearest rank).</summary>
    public double Percentile(double q)
    {
        if (_values.Count == 0)
            return double.NaN;
        var sorted = _values.Order().ToArray();
        var rank = (int)System.Math.Ceiling(q * sorted.Length) - 1;
        return sorted[System.Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
