using System.Globalization;
using Spectre.Console;

namespace ShampooActors.Host;

/// <summary>What the display shows after a step.</summary>
internal readonly record struct ProgressUpdate(long Step, long TotalSteps, double Loss, double ExamplesPerSecond, long? Staleness = null, int? Hosts = null);

/// <summary>
/// A live progress bar (step, loss, examples/s, ETA) on an interactive terminal; one plain line per log interval
/// otherwise, so logs and CI output stay readable.
/// </summary>
internal sealed class ProgressDisplay(bool live, TextWriter plain)
{
    /// <summary>A display that is live when standard output is an interactive terminal, unless forced.</summary>
    public static ProgressDisplay ForConsole(bool? force) =>
        new(force ?? (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive), Console.Out);

    /// <summary>Runs <paramref name="body"/>, which reports every step through the callback it is given.</summary>
    public T Run<T>(string title, long totalSteps, Func<Action<ProgressUpdate>, T> body)
    {
        if (!live)
            return body(_ => { });
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: totalSteps);
                return body(u =>
                {
                    task.Value = u.Step;
                    task.Description = Markup.Escape(Describe(title, u));
                });
            });
    }

    /// <summary>Prints one log interval when the display is not live (the live bar already shows it).</summary>
    public void Log(MetricsLine line, long totalSteps)
    {
        if (live)
            return;
        var text = Describe("", new ProgressUpdate(line.Step, totalSteps, line.TrainLoss, line.ExamplesPerSecond, line.MaxStaleness, line.HostsAlive)).Trim();
        if (line.QueueDepth is { } queue)
            text += string.Create(CultureInfo.InvariantCulture, $"  queue {queue}");
        if (line.HostsAlive is not null)
            text += string.Create(CultureInfo.InvariantCulture, $"  in flight {line.InFlight}")
                + (line.RoundTripMs is { } rt ? string.Create(CultureInfo.InvariantCulture, $"  round trip {rt:F0} ms") : "")
                + (line.LocalRoots == true ? "  (roots computed locally)" : "");
        if (line.TestLoss is { } test)
            text += string.Create(CultureInfo.InvariantCulture, $"  test loss {test:F4}");
        plain.WriteLine(text);
    }

    private static string Describe(string title, ProgressUpdate u) => string.Create(CultureInfo.InvariantCulture,
        $"{title} step {u.Step}/{u.TotalSteps}  loss {u.Loss:F4}  {u.ExamplesPerSecond:F0} ex/s") +
        (u.Staleness is { } s ? string.Create(CultureInfo.InvariantCulture, $"  staleness ≤ {s}") : "") +
        (u.Hosts is { } h ? string.Create(CultureInfo.InvariantCulture, $"  hosts {h}") : "");
}
