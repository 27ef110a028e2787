using System.Text;

namespace ShampooActors.Host.Reports.Charts;

/// <summary>A legend entry: a line sample (or a filled box, for an area or a band, as opaque as it is drawn) in the series' colour, and its name.</summary>
internal readonly record struct LegendEntry(string Name, string Colour, bool Dashed, bool Filled, double Opacity = 1);

/// <summary>
/// What every chart shares: the layout (margins sized to the labels, legend rows below the plot), the title, grid, ticks,
/// axis labels and legend; the charts draw their data in between with <see cref="X"/> and <see cref="Y"/>.
/// </summary>
internal sealed class ChartFrame
{
    private const double Width = 720;
    private const double PlotHeight = 260;
    private const double FontSize = 12;
    // Text is measured without a font engine: this is a generous average advance of the sans-serif faces at 12 px,
    // so labels may get a little more room than they need but never overlap or clip.
    private const double CharWidth = 7;
    private const double LineHeight = 18;
    private const double Pad = 10;
    private const double TitleBand = 30;
    private const double LegendSample = 22;
    private const double LegendGap = 18;
    private const double MinTickLabelWidth = 6 * CharWidth;
    private const int MinLastXLabelChars = 5;

    private readonly string _title;
    private readonly string _xLabel;
    private readonly string _yLabel;
    private readonly Axis _x;
    private readonly Axis _y;
    private readonly IReadOnlyList<LegendEntry> _legend;
    private readonly List<List<(LegendEntry Entry, double Offset)>> _legendRows;
    private readonly double _left;
    private readonly double _right;
    private readonly double _top = TitleBand;

    public ChartFrame(string title, string xLabel, string yLabel, Axis x, Axis y, IReadOnlyList<LegendEntry> legend)
    {
        (_title, _xLabel, _yLabel, _x, _y, _legend) = (title, xLabel, yLabel, x, y, legend);
        var widestY = y.Ticks.Max(t => t.Label.Length) * CharWidth;
        // A floor under the left margin lines up the plot areas of the charts on a page whatever their tick labels.
        _left = Pad + LineHeight + Pad + System.Math.Max(widestY, MinTickLabelWidth) + 6;
        // The last x tick label is centred on the right edge of the plot, so half of it hangs out; the floor lines up
        // the right edges of the charts on a page as MinTickLabelWidth does the left ones.
        _right = Width - Pad - System.Math.Max(x.Ticks[^1].Label.Length, MinLastXLabelChars) * CharWidth / 2;
        _legendRows = LayoutLegend(legend, _right - _left);
        Height = _top + PlotHeight + LineHeight + LineHeight + Pad + _legendRows.Count * LineHeight + Pad;
    }

    public double Height { get; }

    private double Bottom => _top + PlotHeight;

    /// <summary>The horizontal pixel position of <paramref name="value"/> (accepted by the x axis).</summary>
    public double X(double value) => _left + _x.Fraction(value) * (_right - _left);

    /// <summary>The vertical pixel position of <paramref name="value"/> (accepted by the y axis).</summary>
    public double Y(double value) => Bottom - _y.Fraction(value) * PlotHeight;

    /// <summary>The left and right pixel bounds of the plot area.</summary>
    public (double Left, double Right) PlotSpan => (_left, _right);

    /// <summary>The top and bottom pixel bounds of the plot area.</summary>
    public (double Top, double Bottom) PlotRange => (_top, Bottom);

    /// <summary>Opens the SVG and draws title, grid, ticks and axis labels.</summary>
    public void WriteStart(StringBuilder svg)
    {
        svg.Append($"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {Svg.Num(Width)} {Svg.Num(Height)}" width="{Svg.Num(Width)}" height="{Svg.Num(Height)}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="{Svg.Num(FontSize)}" role="img">""").Append('\n');
        svg.Append($"<title>{Svg.Escape(_title)}</title>\n");
        svg.Append($"""<rect x="0" y="0" width="{Svg.Num(Width)}" height="{Svg.Num(Height)}" fill="#ffffff"/>""").Append('\n');
        svg.Append($"""<text class="chart-title" x="{Svg.Num(_left)}" y="{Svg.Num(TitleBand - 10)}" font-size="14" font-weight="bold">{Svg.Escape(_title)}</text>""").Append('\n');

        svg.Append("""<g class="grid" stroke="#e3e3e3" stroke-width="1">""").Append('\n');
        foreach (var tick in _y.Ticks)
            svg.Append($"""<line x1="{Svg.Num(_left)}" y1="{Svg.Num(Y(tick.Value))}" x2="{Svg.Num(_right)}" y2="{Svg.Num(Y(tick.Value))}"/>""").Append('\n');
        foreach (var tick in _x.Ticks)
            svg.Append($"""<line x1="{Svg.Num(X(tick.Value))}" y1="{Svg.Num(_top)}" x2="{Svg.Num(X(tick.Value))}" y2="{Svg.Num(Bottom)}"/>""").Append('\n');
        svg.Append("</g>\n");

        svg.Append("""<g class="ticks" fill="#333333">""").Append('\n');
        foreach (var tick in _y.Ticks)
            svg.Append($"""<text x="{Svg.Num(_left - 6)}" y="{Svg.Num(Y(tick.Value) + FontSize / 3)}" text-anchor="end">{Svg.Escape(tick.Label)}</text>""").Append('\n');
        foreach (var tick in _x.Ticks)
            svg.Append($"""<text x="{Svg.Num(X(tick.Value))}" y="{Svg.Num(Bottom + LineHeight)}" text-anchor="middle">{Svg.Escape(tick.Label)}</text>""").Append('\n');
        svg.Append("</g>\n");

        svg.Append($"""<rect class="plot-area" x="{Svg.Num(_left)}" y="{Svg.Num(_top)}" width="{Svg.Num(_right - _left)}" height="{Svg.Num(PlotHeight)}" fill="none" stroke="#888888"/>""").Append('\n');
        svg.Append($"""<text class="x-label" x="{Svg.Num((_left + _right) / 2)}" y="{Svg.Num(Bottom + 2 * LineHeight + 2)}" text-anchor="middle">{Svg.Escape(_xLabel)}</text>""").Append('\n');
        var middle = _top + PlotHeight / 2;
        svg.Append($"""<text class="y-label" x="{Svg.Num(Pad + LineHeight - 4)}" y="{Svg.Num(middle)}" text-anchor="middle" transform="rotate(-90 {Svg.Num(Pad + LineHeight - 4)} {Svg.Num(middle)})">{Svg.Escape(_yLabel)}</text>""").Append('\n');
    }

    /// <summary>Writes a note in the middle of the plot area, for a chart without any value it can draw.</summary>
    public void WriteEmptyNote(StringBuilder svg, string note) =>
        svg.Append($"""<text class="empty" x="{Svg.Num((_left + _right) / 2)}" y="{Svg.Num(_top + PlotHeight / 2)}" text-anchor="middle" fill="#666666">{Svg.Escape(note)}</text>""").Append('\n');

    /// <summary>Draws the legend and closes the SVG.</summary>
    public void WriteEnd(StringBuilder svg)
    {
        if (_legend.Count > 0)
        {
            svg.Append("""<g class="legend">""").Append('\n');
            var y = Bottom + 2 * LineHeight + Pad + LineHeight;
            foreach (var row in _legendRows)
            {
                foreach (var (entry, offset) in row)
                {
                    var x = _left + offset;
                    var opacity = entry.Opacity < 1 ? $" fill-opacity=\"{Svg.Num(entry.Opacity)}\"" : "";
                    if (entry.Filled)
                        svg.Append($"""<rect x="{Svg.Num(x)}" y="{Svg.Num(y - 10)}" width="{Svg.Num(LegendSample - 6)}" height="10" fill="{entry.Colour}"{opacity}/>""");
                    else
                        svg.Append($"""<line x1="{Svg.Num(x)}" y1="{Svg.Num(y - 4)}" x2="{Svg.Num(x + LegendSample - 6)}" y2="{Svg.Num(y - 4)}" stroke="{entry.Colour}" stroke-width="2.5"{(entry.Dashed ? " stroke-dasharray=\"5 3\"" : "")}/>""");
                    svg.Append($"""<text class="legend-entry" x="{Svg.Num(x + LegendSample)}" y="{Svg.Num(y)}">{Svg.Escape(entry.Name)}</text>""").Append('\n');
                }
                y += LineHeight;
            }
            svg.Append("</g>\n");
        }
        svg.Append("</svg>");
    }

    /// <summary>Fills legend rows left to right, starting a new row when the next entry would pass the plot's width.</summary>
    private static List<List<(LegendEntry, double)>> LayoutLegend(IReadOnlyList<LegendEntry> legend, double width)
    {
        var rows = new List<List<(LegendEntry, double)>>();
        var offset = 0.0;
        foreach (var entry in legend)
        {
            var entryWidth = LegendSample + entry.Name.Length * CharWidth;
            if (rows.Count == 0 || (offset > 0 && offset + entryWidth > width))
            {
                rows.Add([]);
                offset = 0;
            }
            rows[^1].Add((entry, offset));
            offset += entryWidth + LegendGap;
        }
        return rows;
    }
}
