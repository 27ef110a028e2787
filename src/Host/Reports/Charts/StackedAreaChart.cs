using System.Text;

namespace ShampooActors.Host.Reports.Charts;

/// <summary>
/// Layers stacked on one another over a shared x (such as the parts of a step's time), rendered as a standalone SVG;
/// the first layer lies at the bottom.
/// </summary>
internal sealed record StackedAreaChart(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Layers)
{
    /// <summary>
    /// The chart as an <c>&lt;svg&gt;</c> element with one <c>&lt;path class="layer"&gt;</c> per layer. Every layer must have
    /// the points at the same x values; an x where any layer is not finite, or negative, is left out of all layers
    /// (the areas join over it) since a stack has no meaning there.
    /// </summary>
    public string ToSvg()
    {
        var count = Layers.Count == 0 ? 0 : Layers[0].Points.Count;
        if (Layers.Any(l => l.Points.Count != count) || Enumerable.Range(0, count).Any(k => Layers.Any(l => l.Points[k].X != Layers[0].Points[k].X)))
            throw new ArgumentException("the layers of a stacked chart must share their x values", nameof(Layers));
        var columns = Enumerable.Range(0, count)
            .Where(k => double.IsFinite(Layers[0].Points[k].X) && Layers.All(l => double.IsFinite(l.Points[k].Y) && l.Points[k].Y >= 0))
            .ToList();
        var tops = columns.Select(k => Layers.Sum(l => l.Points[k].Y));
        var xAxis = Axis.Fit(ScaleKind.Linear, columns.Select(k => Layers[0].Points[k].X));
        // Zero is in the range: the areas are read against the baseline.
        var yAxis = Axis.Fit(ScaleKind.Linear, tops.Append(0));
        var legend = Layers.Select((l, i) => new LegendEntry(l.Name, Palette.Colour(i), Dashed: false, Filled: true)).ToList();
        var frame = new ChartFrame(Title, XLabel, YLabel, xAxis, yAxis, legend);

        var svg = new StringBuilder();
        frame.WriteStart(svg);
        var below = columns.Select(_ => 0.0).ToArray();
        for (var i = 0; i < Layers.Count && columns.Count > 0; i++)
        {
            var above = columns.Select((k, c) => below[c] + Layers[i].Points[k].Y).ToArray();
            var path = new StringBuilder();
            for (var c = 0; c < columns.Count; c++)
                path.Append(c == 0 ? "M" : " L").Append(Svg.Num(frame.X(Layers[0].Points[columns[c]].X))).Append(' ').Append(Svg.Num(frame.Y(above[c])));
            for (var c = columns.Count - 1; c >= 0; c--)
                path.Append(" L").Append(Svg.Num(frame.X(Layers[0].Points[columns[c]].X))).Append(' ').Append(Svg.Num(frame.Y(below[c])));
            svg.Append($"""<path class="layer" data-series="{Svg.Escape(Layers[i].Name)}" d="{path} Z" fill="{Palette.Colour(i)}" fill-opacity="0.8" stroke="{Palette.Colour(i)}"/>""").Append('\n');
            below = above;
        }
        if (columns.Count == 0)
            frame.WriteEmptyNote(svg, "no values to plot");
        frame.WriteEnd(svg);
        return svg.ToString();
    }
}
