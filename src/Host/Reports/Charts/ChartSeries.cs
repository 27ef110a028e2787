namespace ShampooActors.Host.Reports.Charts;

/// <summary>One data point of a chart, in data units.</summary>
internal readonly record struct ChartPoint(double X, double Y);

/// <summary>A named sequence of points drawn as one line (or one layer of a stacked chart).</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

/// <summary>A horizontal dashed line at <see cref="Y"/> with a label, such as the workload's target loss.</summary>
internal sealed record ReferenceLine(double Y, string Label);

/// <summary>A shaded stretch of x, from <see cref="From"/> to <see cref="To"/>, behind the lines (such as intervals in which something else was going on), named in the legend by <see cref="Label"/>.</summary>
internal sealed record XBand(double From, double To, string Label);

/// <summary>How an axis maps data to position: evenly, or by powers of ten.</summary>
internal enum ScaleKind
{
    Linear,
    Log,
}
