using ShampooActors.Host.Reports.Charts;

namespace ShampooActors.Host.Reports;

/// <summary>Chart series drawn from metrics lines.</summary>
internal static class MetricsSeries
{
    /// <summary>
    /// The points of the lines that have both fields. A line without the field (test loss is logged only on some lines)
    /// is left out, so the line joins over it; a non-finite value stays in and the chart breaks the line there.
    /// </summary>
    public static ChartSeries Of(string name, IEnumerable<MetricsPoint> points, Func<MetricsPoint, double?> x, Func<MetricsPoint, double?> y) =>
        new(name, points.Where(p => x(p) is not null && y(p) is not null).Select(p => new ChartPoint(x(p)!.Value, y(p)!.Value)).ToList());

    public static double? Step(MetricsPoint p) => p.Step;

    public static double? Wall(MetricsPoint p) => p.WallSeconds;

    public static double? TestAccuracyPercent(MetricsPoint p) => p.TestAccuracy * 100;
}
