using System.Globalization;

namespace ShampooActors.Bench;

/// <summary>
/// CPU time of this process's threads by role, from /proc/self/task/*/stat (user + system time, clock ticks of 10 ms) and
/// /proc/self/task/*/status (involuntary context switches: preemptions). Linux only; elsewhere empty.
/// Roles by thread name: the .NET thread pool runs the actors of the default dispatcher (the accelerator's step among them),
/// <c>numeric-N</c> are the root workers, <c>blas-batch-N</c> the Shampoo step's batched block workers, and threads named like the
/// process's main thread (which only waits during a run) are OpenBLAS's own pool, started when the library loaded.
/// </summary>
public static class ThreadCpu
{
    /// <summary>Role names, in report order.</summary>
    public static readonly string[] Roles = ["thread pool (accelerator step, actors)", "root workers (numeric)", "block workers (blas-batch)", "OpenBLAS threads", "other (GC, JIT, timers)"];

    /// <summary>Per-thread CPU ticks and involuntary switches at one moment.</summary>
    public sealed record Snapshot(IReadOnlyDictionary<int, (string Name, long Ticks, long Preemptions)> Threads, string MainName, int MainTid);

    /// <summary>CPU seconds and preemptions per role between two snapshots.</summary>
    public sealed record Usage(IReadOnlyDictionary<string, double> CpuSeconds, IReadOnlyDictionary<string, long> Preemptions)
    {
        public double Total => CpuSeconds.Values.Sum();
    }

    /// <summary>The threads now.</summary>
    public static Snapshot Take()
    {
        var threads = new Dictionary<int, (string, long, long)>();
        var mainTid = Environment.ProcessId;
        var mainName = "";
        if (!Directory.Exists("/proc/self/task"))
            return new Snapshot(threads, mainName, mainTid);
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var tid = int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                // Fields after the name start at field 3 (state); utime is field 14, stime 15.
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                long preemptions = 0;
                foreach (var line in File.ReadLines(Path.Combine(dir, "status")))
                {
                    if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        preemptions = long.Parse(line["nonvoluntary_ctxt_switches:".Length..].Trim(), CultureInfo.InvariantCulture);
                }
                threads[tid] = (name, ticks, preemptions);
                if (tid == mainTid)
                    mainName = name;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The thread ended while it was read.
            }
        }
        return new Snapshot(threads, mainName, mainTid);
    }

    /// <summary>What the threads used from <paramref name="before"/> to <paramref name="after"/>, by role.</summary>
    public static Usage Between(Snapshot before, Snapshot after)
    {
        var cpu = Roles.ToDictionary(r => r, _ => 0.0);
        var preempted = Roles.ToDictionary(r => r, _ => 0L);
        foreach (var (tid, (name, ticks, preemptions)) in after.Threads)
        {
            var (_, ticks0, preemptions0) = before.Threads.TryGetValue(tid, out var b) ? b : (name, 0L, 0L);
            var role = RoleOf(tid, name, after);
            cpu[role] += (ticks - ticks0) / 100.0;
            preempted[role] += preemptions - preemptions0;
        }
        return new Usage(cpu, preempted);
    }

    private static string RoleOf(int tid, string name, Snapshot snapshot)
    {
        if (name.StartsWith(".NET TP Worker", StringComparison.Ordinal) || name.StartsWith(".NET Long Running", StringComparison.Ordinal))
            return Roles[0];
        if (name.StartsWith("numeric", StringComparison.Ordinal))
            return Roles[1];
        if (name.StartsWith("blas-batch", StringComparison.Ordinal))
            return Roles[2];
        if (tid != snapshot.MainTid && name == snapshot.MainName)
            return Roles[3];
        return Roles[4];
    }

    /// <summary>The 1-minute load average now (other work on the machine), or NaN.</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }
}
