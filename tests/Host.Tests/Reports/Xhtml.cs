using System.Xml;
using System.Xml.Linq;

namespace ShampooActors.Host.Tests.Reports;

/// <summary>Parsing helpers for the report pages and charts, which must be well-formed XML.</summary>
internal static class Xhtml
{
    public static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    public static readonly XNamespace HtmlNs = "http://www.w3.org/1999/xhtml";

    /// <summary>Parses markup as XML; a report page's <c>&lt;!DOCTYPE html&gt;</c> is allowed but not processed.</summary>
    public static XDocument Parse(string markup)
    {
        using var reader = XmlReader.Create(new StringReader(markup), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    /// <summary>Every inline chart of a page, by the title it carries.</summary>
    public static Dictionary<string, XElement> Charts(XDocument page) =>
        page.Descendants(SvgNs + "svg").ToDictionary(svg => svg.Element(SvgNs + "title")!.Value);

    /// <summary>The drawn series of a chart: name → the points of its path, one list per unbroken stretch.</summary>
    public static Dictionary<string, List<List<(double X, double Y)>>> DrawnSeries(XElement svg, string cssClass = "series") =>
        svg.Descendants(SvgNs + "path")
            .Where(p => (string?)p.Attribute("class") == cssClass)
            .ToDictionary(p => (string)p.Attribute("data-series")!, p => Stretches((string)p.Attribute("d")!));

    /// <summary>The body rows of the page's table of class <paramref name="cssClass"/>, each as the text of its cells; none without such a table.</summary>
    public static List<List<string>> TableRows(XDocument page, string cssClass) =>
        page.Descendants(HtmlNs + "table")
            .Where(t => (string?)t.Attribute("class") == cssClass)
            .SelectMany(t => t.Element(HtmlNs + "tbody")!.Elements(HtmlNs + "tr"))
            .Select(r => r.Elements().Select(c => c.Value).ToList())
            .ToList();

    public static List<string> LegendNames(XElement svg) =>
        svg.Descendants(SvgNs + "text").Where(t => (string?)t.Attribute("class") == "legend-entry").Select(t => t.Value).ToList();

    /// <summary>The points of an SVG path made of M and L commands (a closing Z is ignored), split at every M.</summary>
    public static List<List<(double X, double Y)>> Stretches(string d)
    {
        var stretches = new List<List<(double, double)>>();
        var tokens = d.Replace("M", " M ").Replace("L", " L ").Replace("Z", " ").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i += 3)
        {
            if (tokens[i] == "M")
                stretches.Add([]);
            stretches[^1].Add((Number(tokens[i + 1]), Number(tokens[i + 2])));
        }
        return stretches;
    }

    private static double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
