using System.Xml.Linq;

using static ShampooActors.Host.Tests.CliRun;

namespace ShampooActors.Host.Tests.Reports;

public sealed class ReportCommandSpec : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shampoo-report-cmd-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string NewRun(string name) =>
        new SyntheticRun(Path.Combine(_root, name)).Interval(50, 1.0).Interval(100, 0.5).WriteMetrics().Directory;

    [Fact]
    public void Report_writes_the_page_of_every_run_given()
    {
        string[] runs = [NewRun("a"), NewRun("b")];

        var (code, output, err) = Run("report", runs[0], runs[1]);

        Assert.True(code == 0, err);
        foreach (var run in runs)
        {
            var page = Path.Combine(run, "report.html");
            Assert.Contains($"wrote {page}", output);
            Assert.NotEmpty(XDocument.Parse(File.ReadAllText(page)).Descendants(Xhtml.SvgNs + "svg"));
        }
    }

    [Fact]
    public void A_folder_that_is_not_a_run_is_refused_before_any_report_is_written()
    {
        var run = NewRun("good");
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;

        var (code, _, err) = Run("report", run, empty);

        Assert.Equal(2, code);
        Assert.Equal($"error: {empty} is not a run folder (it has no metrics.jsonl or summary.json)", err.Trim());
        Assert.False(File.Exists(Path.Combine(run, "report.html")), "nothing is written when one folder is wrong");
    }
}
