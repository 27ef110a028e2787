using System.Text;
using ShampooActors.Host.Reports.Charts;

namespace ShampooActors.Host.Reports;

/// <summary>
/// A self-contained report page (inline CSS and SVG, no scripts or external resources), kept well-formed XML so that
/// tools and tests can parse it as XHTML, and written atomically.
/// </summary>
internal sealed class HtmlPage(string title)
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 1160px; color: #222; padding: 0 12px; }
        h1 { font-size: 22px; margin-bottom: 4px; }
        h2 { font-size: 17px; margin-top: 28px; }
        .meta { color: #555; margin-top: 0; }
        .outcome-completed { color: #1a7f37; }
        .outcome-interrupted, .outcome-diverged { color: #b3261e; }
        .notes { background: #fff8e1; border: 1px solid #f0d58c; padding: 8px 12px 8px 28px; }
        table { border-collapse: collapse; font-size: 14px; margin: 8px 0; }
        th, td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tbody th, td { white-space: nowrap; }
        .table-wrap { overflow-x: auto; }
        figure { margin: 20px 0; }
        svg { max-width: 100%; height: auto; }
        details pre { background: #f6f6f6; padding: 10px; overflow-x: auto; font-size: 13px; }
        """;

    private readonly StringBuilder _body = new();

    public HtmlPage Heading(string text, int level = 2) => Raw($"<h{level}>{Svg.Escape(text)}</h{level}>");

    public HtmlPage Paragraph(string text, string? cssClass = null) =>
        Raw(cssClass is null ? $"<p>{Svg.Escape(text)}</p>" : $"<p class=\"{cssClass}\">{Svg.Escape(text)}</p>");

    /// <summary>A warning box listing what was missing or skipped; nothing when there is nothing to say.</summary>
    public HtmlPage Notes(IEnumerable<string> notes)
    {
        var items = notes.Select(n => $"<li>{Svg.Escape(n)}</li>").ToList();
        return items.Count == 0 ? this : Raw($"<ul class=\"notes\">{string.Concat(items)}</ul>");
    }

    /// <summary>An inline SVG chart in a figure.</summary>
    public HtmlPage Chart(string svg) => Raw($"<figure>\n{svg}\n</figure>");

    /// <summary>A table with a header row; the first column names the row, the others hold numbers or short text; <paramref name="cssClass"/> tells it apart from the page's other tables.</summary>
    public HtmlPage Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? cssClass = null)
    {
        // A comparison of many runs can be wider than the page; it scrolls rather than squeezing its numbers.
        var html = new StringBuilder(cssClass is null ? "<div class=\"table-wrap\"><table>" : $"<div class=\"table-wrap\"><table class=\"{Svg.Escape(cssClass)}\">");
        html.Append("\n<thead><tr>");
        foreach (var cell in header)
            html.Append($"<th>{Svg.Escape(cell)}</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append($"<tr><th>{Svg.Escape(row[0])}</th>");
            foreach (var cell in row.Skip(1))
                html.Append($"<td class=\"num\">{Svg.Escape(cell)}</td>");
            html.Append("</tr>\n");
        }
        return Raw(html.Append("</tbody>\n</table></div>").ToString());
    }

    /// <summary>A collapsed block of preformatted text, such as the run's configuration.</summary>
    public HtmlPage Details(string summary, string text) =>
        Raw($"<details><summary>{Svg.Escape(summary)}</summary><pre>{Svg.Escape(text)}</pre></details>");

    public string ToHtml() => $"""
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>{Svg.Escape(title)}</title>
        <style>
        {Style}
        </style>
        </head>
        <body>
        {_body}</body>
        </html>

        """;

    /// <summary>Writes the page through a temporary file and a rename, so a reader sees the old page or the new one, never half of one.</summary>
    public string Write(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, ToHtml());
        File.Move(temp, path, overwrite: true);
        return path;
    }

    private HtmlPage Raw(string markup)
    {
        _body.Append(markup).Append('\n');
        return this;
    }
}
