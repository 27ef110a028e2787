using System.Text.RegularExpressions;
using ShampooActors.Actors.Tests.Support;

namespace ShampooActors.Actors.Tests.Kernel;

/// <summary>Every time read of the runtime goes through the injected clock, so virtual time governs all of it.</summary>
public sealed partial class TimeSourceSpec
{
    [Fact]
    public void Runtime_code_reads_time_only_through_the_injected_clock()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "Actors"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => WallClock().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("var t = DateTime.UtcNow;")]
    [InlineData("var s = Stopwatch.StartNew();")]
    [InlineData("await Task.Delay(100);")]
    [InlineData("Thread.Sleep(5);")]
    [InlineData("var n = Environment.TickCount64;")]
    [InlineData("new System.Threading.Timer(cb);")]
    public void The_scan_recognises_a_wall_clock_read(string line) => Assert.Matches(WallClock(), line);

    [Fact]
    public void The_scan_accepts_a_delay_on_the_injected_clock() =>
        Assert.DoesNotMatch(WallClock(), "await Task.Delay(timeout, _system.Scheduler.Clock, token);");

    [GeneratedRegex(@"DateTime(Offset)?\.(Utc)?Now|Stopwatch|Environment\.TickCount|Thread\.Sleep|Task\.Delay\([^,]*\)|new\s+(System\.Threading\.)?Timer\(|TimeProvider\.System\.(GetUtcNow|GetTimestamp)")]
    private static partial Regex WallClock();
}
