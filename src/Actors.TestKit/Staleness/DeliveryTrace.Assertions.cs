using ShampooActors.Actors.Training;
using Xunit.Sdk;

namespace ShampooActors.Testing;

public sealed partial class DeliveryTrace
{
    private const int ViolationsShown = 5;

    /// <summary>
    /// Asserts that no block's staleness exceeded <paramref name="max"/> in any recorded step from <paramref name="fromStep"/>
    /// on (<see cref="StepCompleted.Staleness"/>); fails also when no such step was recorded.
    /// </summary>
    public void AssertMaxStaleness(long max, long fromStep = 0)
    {
        var steps = Traced<StepCompleted>().Where(t => t.Event.Step >= fromStep).ToArray();
        if (steps.Length == 0)
            throw new XunitException($"expected staleness at most {max}{From(fromStep)}, but the trace holds no StepCompleted{From(fromStep)}");
        var violations = new List<string>();
        foreach (var (time, step) in steps)
        {
            for (var b = 0; b < step.Staleness.Count; b++)
            {
                if (step.Staleness[b] > max)
                    violations.Add($"{Format(time)} step {step.Step}: block {b} staleness {step.Staleness[b]}");
            }
        }
        Fail(violations, $"expected staleness at most {max}{From(fromStep)}, but {violations.Count} block-steps exceeded it");
    }

    /// <summary>Asserts that each block's adopted versions (<see cref="RootsAdopted"/>), and its published ones (<see cref="RootsPublished"/>), strictly increase.</summary>
    public void AssertVersionsMonotonePerBlock()
    {
        var violations = new List<string>();
        Check(Traced<RootsAdopted>().Select(t => (t.Time, t.Event.Block, t.Event.Version, $" (before step {t.Event.Step})")), "adopted", violations);
        Check(Traced<RootsPublished>().Select(t => (t.Time, t.Event.Block, t.Event.Version, "")), "published", violations);
        Fail(violations, $"expected every block's versions to strictly increase, but {violations.Count} did not");
    }

    /// <summary>Asserts that no recorded step was held longer than <paramref name="max"/> by the staleness policy (<see cref="StepCompleted.Waited"/>); fails also when no step was recorded.</summary>
    public void AssertNoStepWaitedLongerThan(TimeSpan max)
    {
        var steps = Traced<StepCompleted>().ToArray();
        if (steps.Length == 0)
            throw new XunitException($"expected no step to wait longer than {max.TotalMilliseconds:0.###} ms, but the trace holds no StepCompleted");
        var violations = steps.Where(t => t.Event.Waited > max)
            .Select(t => $"{Format(t.Time)} step {t.Event.Step} waited {t.Event.Waited.TotalMilliseconds:0.###} ms")
            .ToList();
        Fail(violations, $"expected no step to wait longer than {max.TotalMilliseconds:0.###} ms, but {violations.Count} did");
    }

    private IEnumerable<(TimeSpan Time, T Event)> Traced<T>() where T : TrainingEvent =>
        Events.Where(e => e.Event is T).Select(e => (e.Time, (T)e.Event));

    private static void Check(IEnumerable<(TimeSpan Time, int Block, long Version, string Detail)> versions, string what, List<string> violations)
    {
        var last = new Dictionary<int, (TimeSpan Time, long Version)>();
        foreach (var (time, block, version, detail) in versions)
        {
            if (last.TryGetValue(block, out var previous) && version <= previous.Version)
            {
                violations.Add($"{Format(time)} block {block} {what} version {version}{detail} after version {previous.Version} {what} at {Format(previous.Time)}");
                continue;
            }
            last[block] = (time, version);
        }
    }

    private static void Fail(List<string> violations, string summary)
    {
        if (violations.Count == 0)
            return;
        var shown = string.Join(Environment.NewLine, violations.Take(ViolationsShown).Select(v => "  " + v));
        var more = violations.Count > ViolationsShown ? $"{Environment.NewLine}  … and {violations.Count - ViolationsShown} more" : "";
        throw new XunitException($"{summary}:{Environment.NewLine}{shown}{more}");
    }

    private static string From(long fromStep) => fromStep > 0 ? $" from step {fromStep}" : "";
}
