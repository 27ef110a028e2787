using System.Globalization;
using System.Text;

namespace ShampooActors.Host.Reports.Charts;

/// <summary>Markup helpers shared by the charts and the pages: XML escaping and coordinate text.</summary>
internal static class Svg
{
    /// <summary>Escapes text for XML content and double-quoted attributes (the pages are XHTML-parseable, so no HTML-only entities).</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                // Control characters other than tab and newlines are not allowed in XML 1.0 at all.
                case < ' ' and not ('\t' or '\n' or '\r'): sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A pixel coordinate: two decimals are below what a screen shows, and keep the SVG small.</summary>
    public static string Num(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "an SVG coordinate must be finite");
        return value.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
