using System.Xml.Linq;
using ShampooActors.Host.Reports.Charts;

using static ShampooActors.Host.Tests.Reports.Xhtml;

namespace ShampooActors.Host.Tests.Reports;

public sealed class ChartSpec
{
    private static ChartSeries Series(string name, params (double X, double Y)[] points) =>
        new(name, points.Select(p => new ChartPoint(p.X, p.Y)).ToList());

    private static XElement Render(LineChart chart) => Parse(chart.ToSvg()).Root!;

    private static XElement Render(StackedAreaChart chart) => Parse(chart.ToSvg()).Root!;

    [Fact]
    public void A_line_chart_is_one_svg_with_a_path_per_series_and_a_legend_entry_per_name()
    {
        var chart = new LineChart("Loss", "step", "loss",
        [
            Series("adam", (0, 3), (1, 2), (2, 1.5), (3, 1)),
            Series("sgd", (0, 3), (1, 2.5)),
            Series("shampoo", (0, 3), (1, 1), (2, 0.5)),
        ]);

        var svg = Render(chart);

        Assert.Equal(SvgNs + "svg", svg.Name);
        Assert.NotNull(svg.Attribute("viewBox"));
        var series = DrawnSeries(svg);
        Assert.Equal(["adam", "sgd", "shampoo"], series.Keys);
        Assert.Equal([4, 2, 3], series.Values.Select(s => s.Single().Count));
        Assert.Equal(["adam", "sgd", "shampoo"], LegendNames(svg));
    }

    [Fact]
    public void Each_series_gets_its_own_colour()
    {
        var chart = new LineChart("t", "x", "y", Enumerable.Range(0, 5).Select(i => Series($"s{i}", (0, i), (1, i + 1))).ToList());

        var colours = Render(chart).Descendants(SvgNs + "path").Select(p => (string)p.Attribute("stroke")!).ToList();

        Assert.Equal(5, colours.Distinct().Count());
    }

    [Fact]
    public void On_a_log_axis_each_decade_takes_the_same_height()
    {
        var chart = new LineChart("t", "x", "y", [Series("s", (0, 1), (1, 10), (2, 100))]) { YScale = ScaleKind.Log };

        var points = DrawnSeries(Render(chart))["s"].Single();

        var (y1, y10, y100) = (points[0].Y, points[1].Y, points[2].Y);
        Assert.True(y1 > y10 && y10 > y100, "larger values are higher up, at smaller y");
        Assert.Equal(y1 - y10, y10 - y100, precision: 1);
    }

    [Fact]
    public void On_a_log_x_axis_each_decade_takes_the_same_width()
    {
        var chart = new LineChart("t", "x", "y", [Series("s", (1, 5), (10, 6), (100, 7))]) { XScale = ScaleKind.Log };

        var points = DrawnSeries(Render(chart))["s"].Single();

        Assert.True(points[1].X - points[0].X > 10);
        Assert.Equal(points[1].X - points[0].X, points[2].X - points[1].X, precision: 1);
    }

    [Fact]
    public void A_linear_axis_places_values_in_proportion()
    {
        var chart = new LineChart("t", "x", "y", [Series("s", (0, 0), (1, 1), (2, 3))]);

        var points = DrawnSeries(Render(chart))["s"].Single();

        Assert.Equal(points[0].Y - points[1].Y, (points[1].Y - points[2].Y) / 2, precision: 1);
        Assert.Equal(points[1].X - points[0].X, points[2].X - points[1].X, precision: 1);
    }

    [Fact]
    public void Non_finite_points_are_skipped_as_gaps()
    {
        var chart = new LineChart("t", "x", "y", [Series("s", (0, 1), (1, double.NaN), (2, 3), (3, double.PositiveInfinity), (4, 5), (5, 6))]);

        var markup = chart.ToSvg();
        var stretches = DrawnSeries(Parse(markup).Root!)["s"];

        Assert.Equal([1, 1, 2], stretches.Select(s => s.Count));
        Assert.DoesNotContain("NaN", markup);
        Assert.DoesNotContain("Infinity", markup);
    }

    [Fact]
    public void Points_at_or_below_zero_are_skipped_on_a_log_axis()
    {
        var chart = new LineChart("t", "x", "y", [Series("s", (0, 1), (1, 0), (2, -1), (3, 10), (4, 20))]) { YScale = ScaleKind.Log };

        var stretches = DrawnSeries(Render(chart))["s"];

        Assert.Equal([1, 2], stretches.Select(s => s.Count));
    }

    [Fact]
    public void A_chart_with_nothing_to_draw_says_so_and_stays_well_formed()
    {
        var chart = new LineChart("t", "x", "y", [Series("s", (0, double.NaN), (1, -1))]) { YScale = ScaleKind.Log };

        var markup = chart.ToSvg();

        Assert.DoesNotContain("NaN", markup);
        Assert.Contains(Parse(markup).Root!.Descendants(SvgNs + "text"), t => t.Value == "no values to plot");
    }

    [Fact]
    public void The_reference_line_sits_where_a_point_of_its_value_would_and_is_labelled()
    {
        var chart = new LineChart("t", "x", "y", [Series("s", (0, 2), (1, 0.3), (2, 0.1))])
        {
            YScale = ScaleKind.Log,
            Reference = new ReferenceLine(0.3, "target 0.3"),
        };

        var svg = Render(chart);

        var reference = svg.Descendants(SvgNs + "g").Single(g => (string?)g.Attribute("class") == "reference");
        var line = reference.Element(SvgNs + "line")!;
        Assert.Equal((string)line.Attribute("y1")!, (string)line.Attribute("y2")!);
        Assert.NotNull(line.Attribute("stroke-dasharray"));
        Assert.Equal(DrawnSeries(svg)["s"].Single()[1].Y, (double)line.Attribute("y1")!, precision: 2);
        Assert.Equal("target 0.3", reference.Element(SvgNs + "text")!.Value);
    }

    [Fact]
    public void A_reference_line_outside_the_data_widens_the_axis_to_show_it()
    {
        var chart = new LineChart("t", "x", "y", [Series("s", (0, 2), (1, 1))]) { YScale = ScaleKind.Log, Reference = new ReferenceLine(0.01, "target") };

        var svg = Render(chart);

        var area = svg.Descendants(SvgNs + "rect").Single(r => (string?)r.Attribute("class") == "plot-area");
        var bottom = (double)area.Attribute("y")! + (double)area.Attribute("height")!;
        var line = svg.Descendants(SvgNs + "g").Single(g => (string?)g.Attribute("class") == "reference").Element(SvgNs + "line")!;
        Assert.InRange((double)line.Attribute("y1")!, (double)area.Attribute("y")!, bottom);
    }

    [Fact]
    public void A_band_is_shaded_behind_the_lines_widens_the_x_axis_to_show_it_and_is_named_once_in_the_legend()
    {
        var chart = new LineChart("t", "x", "y", [Series("s", (2, 1), (4, 2))])
        {
            Bands = [new XBand(0, 1, "local"), new XBand(3, 4, "local")],
        };

        var svg = Render(chart);

        var area = svg.Descendants(SvgNs + "rect").Single(r => (string?)r.Attribute("class") == "plot-area");
        var bands = svg.Descendants(SvgNs + "rect").Where(r => (string?)r.Attribute("class") == "band").ToList();
        var points = DrawnSeries(svg)["s"].Single();
        Assert.Equal(2, bands.Count);
        Assert.Equal((double)area.Attribute("x")!, (double)bands[0].Attribute("x")!, precision: 1);
        Assert.Equal(points[1].X, (double)bands[1].Attribute("x")! + (double)bands[1].Attribute("width")!, precision: 1);
        Assert.Equal((string)area.Attribute("height")!, (string)bands[0].Attribute("height")!);
        Assert.True(svg.ToString().IndexOf("class=\"band\"", StringComparison.Ordinal) < svg.ToString().IndexOf("class=\"series\"", StringComparison.Ordinal),
            "bands are drawn first, behind the lines");
        Assert.Equal(["s", "local"], LegendNames(svg));
    }

    [Fact]
    public void Names_with_markup_characters_are_escaped()
    {
        const string name = "a<b & \"c\"";
        var chart = new LineChart("loss < 1 & more", "x", "y", [Series(name, (0, 1), (1, 2))]);

        var svg = Render(chart);

        Assert.Equal([name], LegendNames(svg));
        Assert.Equal(name, DrawnSeries(svg).Keys.Single());
        Assert.Equal("loss < 1 & more", svg.Element(SvgNs + "title")!.Value);
    }

    [Fact]
    public void Stacked_layers_start_where_the_layer_below_ends()
    {
        var chart = new StackedAreaChart("time", "step", "ms", [Series("optimizer", (0, 1), (1, 2)), Series("rest", (0, 3), (1, 1))]);

        var svg = Render(chart);

        // The y axis runs 0 to 4 in steps of 1; its grid lines give the pixel height of each whole value.
        var grid = svg.Descendants(SvgNs + "g").Single(g => (string?)g.Attribute("class") == "grid")
            .Elements(SvgNs + "line").Where(l => (string)l.Attribute("y1")! == (string)l.Attribute("y2")!)
            .Select(l => (double)l.Attribute("y1")!).ToList();
        Assert.Equal(5, grid.Count);
        var layers = DrawnSeries(svg, "layer");
        var optimizer = layers["optimizer"].Single();
        var rest = layers["rest"].Single();
        Assert.Equal([grid[1], grid[2], grid[0], grid[0]], optimizer.Select(p => p.Y));
        Assert.Equal([grid[4], grid[3], grid[2], grid[1]], rest.Select(p => p.Y));
        Assert.Equal(["optimizer", "rest"], LegendNames(svg));
    }

    [Fact]
    public void Stacked_layers_must_share_their_x_values()
    {
        var chart = new StackedAreaChart("time", "step", "ms", [Series("a", (0, 1), (1, 2)), Series("b", (0, 3), (2, 1))]);

        Assert.Throws<ArgumentException>(() => chart.ToSvg());
    }
}
