using System.Text;

namespace ShampooActors.Host.Reports.Charts;

/// <summary>A line chart of one or more named series, with optional log scales, a reference line and shaded bands, rendered as a standalone SVG.</summary>
internal sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>Series with at most this many points also get a dot per point, so sparse data (one test evaluation) stays visible.</summary>
    public const int MarkerLimit = 25;

    private const string BandColour = "#999999";
    private const double BandOpacity = 0.25;

    public ScaleKind XScale { get; init; } = ScaleKind.Linear;

    public ScaleKind YScale { get; init; } = ScaleKind.Linear;

    public ReferenceLine? Reference { get; init; }

    /// <summary>Stretches of x shaded behind the lines; the x axis reaches far enough to show them, and each label gets one legend entry.</summary>
    public IReadOnlyList<XBand> Bands { get; init; } = [];

    /// <summary>
    /// The chart as an <c>&lt;svg&gt;</c> element: one <c>&lt;path class="series"&gt;</c> per series, in which a point that
    /// the axes cannot place (not finite, or ≤ 0 on a log axis) leaves a gap.
    /// </summary>
    public string ToSvg()
    {
        var bands = Bands.Where(b => Axis.Accepts(XScale, b.From) && Axis.Accepts(XScale, b.To)).ToList();
        var xAxis = Axis.Fit(XScale, Series.SelectMany(s => s.Points).Where(p => Placeable(p)).Select(p => p.X)
            .Concat(bands.SelectMany(b => new[] { b.From, b.To })));
        var yValues = Series.SelectMany(s => s.Points).Where(p => Placeable(p)).Select(p => p.Y);
        var reference = Reference is { } r && Axis.Accepts(YScale, r.Y) ? r : null;
        // The reference line is part of the y range, so a target the run never reached still shows how far off it was.
        var yAxis = Axis.Fit(YScale, reference is null ? yValues : yValues.Append(reference.Y));
        var legend = Series.Select((s, i) => new LegendEntry(s.Name, Palette.Colour(i), Palette.Dashed(i), Filled: false))
            .Concat(bands.Select(b => b.Label).Distinct().Select(label => new LegendEntry(label, BandColour, Dashed: false, Filled: true, BandOpacity)))
            .ToList();
        var frame = new ChartFrame(Title, XLabel, YLabel, xAxis, yAxis, legend);

        var svg = new StringBuilder();
        frame.WriteStart(svg);
        WriteBands(svg, frame, bands);
        if (reference is not null)
            WriteReference(svg, frame, reference);
        var drawn = 0;
        for (var i = 0; i < Series.Count; i++)
            drawn += WriteSeries(svg, frame, Series[i], i, xAxis, yAxis);
        if (drawn == 0)
            frame.WriteEmptyNote(svg, "no values to plot");
        frame.WriteEnd(svg);
        return svg.ToString();

        bool Placeable(ChartPoint p) => Axis.Accepts(XScale, p.X) && Axis.Accepts(YScale, p.Y);
    }

    private static int WriteSeries(StringBuilder svg, ChartFrame frame, ChartSeries series, int index, Axis x, Axis y)
    {
        var path = new StringBuilder();
        var points = new List<(double X, double Y)>();
        var penDown = false;
        foreach (var point in series.Points)
        {
            if (!x.Accepts(point.X) || !y.Accepts(point.Y))
            {
                penDown = false;
                continue;
            }
            var (px, py) = (frame.X(point.X), frame.Y(point.Y));
            path.Append(path.Length == 0 ? "" : " ").Append(penDown ? 'L' : 'M').Append(Svg.Num(px)).Append(' ').Append(Svg.Num(py));
            points.Add((px, py));
            penDown = true;
        }
        var colour = Palette.Colour(index);
        var dash = Palette.Dashed(index) ? " stroke-dasharray=\"6 4\"" : "";
        svg.Append($"""<path class="series" data-series="{Svg.Escape(series.Name)}" d="{path}" fill="none" stroke="{colour}" stroke-width="2" stroke-linejoin="round"{dash}/>""").Append('\n');
        if (points.Count is > 0 and <= MarkerLimit)
        {
            svg.Append($"""<g class="markers" fill="{colour}">""");
            foreach (var (px, py) in points)
                svg.Append($"""<circle cx="{Svg.Num(px)}" cy="{Svg.Num(py)}" r="3"/>""");
            svg.Append("</g>\n");
        }
        return points.Count;
    }

    private static void WriteBands(StringBuilder svg, ChartFrame frame, IReadOnlyList<XBand> bands)
    {
        if (bands.Count == 0)
            return;
        var (top, bottom) = frame.PlotRange;
        svg.Append($"""<g class="bands" fill="{BandColour}" fill-opacity="{Svg.Num(BandOpacity)}">""").Append('\n');
        foreach (var band in bands)
        {
            var (from, to) = (frame.X(System.Math.Min(band.From, band.To)), frame.X(System.Math.Max(band.From, band.To)));
            svg.Append($"""<rect class="band" data-label="{Svg.Escape(band.Label)}" x="{Svg.Num(from)}" y="{Svg.Num(top)}" width="{Svg.Num(to - from)}" height="{Svg.Num(bottom - top)}"/>""").Append('\n');
        }
        svg.Append("</g>\n");
    }

    private static void WriteReference(StringBuilder svg, ChartFrame frame, ReferenceLine reference)
    {
        var (left, right) = frame.PlotSpan;
        var y = frame.Y(reference.Y);
        svg.Append($"""<g class="reference"><line x1="{Svg.Num(left)}" y1="{Svg.Num(y)}" x2="{Svg.Num(right)}" y2="{Svg.Num(y)}" stroke="#444444" stroke-width="1.25" stroke-dasharray="6 4"/>""");
        svg.Append($"""<text x="{Svg.Num(right - 4)}" y="{Svg.Num(y - 4)}" text-anchor="end" fill="#444444" stroke="#ffffff" stroke-width="3" paint-order="stroke">{Svg.Escape(reference.Label)}</text></g>""").Append('\n');
    }
}
