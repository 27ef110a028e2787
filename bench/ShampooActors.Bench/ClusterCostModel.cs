using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ShampooActors.Bench;

/// <summary>
/// <c>cluster-model [roundtrip.json] [p10|median]</c>: the cost model of refresh latency (the time to refresh every block once)
/// over hosts and blocks, built from a <c>cluster-roundtrip</c> result (the newest in the results folder unless one is named),
/// tabulated for models of 10M, 100M and 1B parameters, and checked against <see cref="ClusterSimulation"/>: the real actors in
/// virtual time with the model's per-block costs as delays.
/// <para>
/// Per block of n×n parameters (two n×n factors; a snapshot and its roots are 2·8n² bytes each):
/// the trainer's serial work S_t = encode snapshot + publish→confirm + decode roots + validate (+ chunking when a message is over
/// the 16 MiB chunk size); a host slot's serial work S_h = decode snapshot + t_root(n) + encode roots + publish→confirm + the next
/// snapshot's delivery (prefetch 1: it is pushed after the ack). With S_t = s + r (send, receive) the refresh latency is bounded
/// below by the trainer's work, by the path of the last snapshot sent, and by the busiest host slot:
/// L(H, B) = max(B·(s + r), B·s + S_h + r, s + ⌈B / (H·T)⌉·S_h + r) + d, with d the one-way delivery of the last roots. The trainer
/// is one actor: it sends all B snapshots of a refresh before it takes the first roots from its mailbox. The brief form
/// ⌈B / (H·T)⌉·(t_root + t_transfer) is the third term alone.
/// </para>
/// </summary>
public static class ClusterCostModel
{
    /// <summary>Per-block costs at one n, seconds.</summary>
    public sealed record Costs(int N, double Root, double TrainerSend, double TrainerReceive, double HostWire, double OneWay, double Transport)
    {
        /// <summary>The trainer's serial work per block.</summary>
        public double Trainer => TrainerSend + TrainerReceive;

        /// <summary>A host slot's serial work per block, the root included.</summary>
        public double Host => Root + HostWire;
    }

    /// <summary>One cell of the latency table.</summary>
    public sealed record Cell(long Parameters, int N, int Blocks, int Hosts, int Threads, double ComputeOnlySeconds, double BriefSeconds, double ModelSeconds, string Bound);

    /// <summary>A simulated case with the model's prediction for it.</summary>
    public sealed record Check(int N, int Blocks, int Hosts, int Threads, double PredictedSeconds, double SimulatedSeconds, double FirstRefreshSeconds,
        double Error, long Fallbacks, int HostsUnreachable, int JobWentSilent, double WallSeconds);

    /// <summary>The fit t_root(n) ≈ c0 + c3·n³ (least squares, relative error), in seconds.</summary>
    public sealed record RootFit(double C0, double C3, IReadOnlyList<(int N, double Measured, double Fitted)> Points);

    /// <summary>Runs it; returns the JSON object and the markdown.</summary>
    public static (object Json, string Markdown) Run(string[] args, string outDir)
    {
        if (args.Length == 6 && args[0] == "sim")
        {
            // One simulated case alone: sim H B host-ms send-ms receive-ms.
            double Arg(int k) => double.Parse(args[k], CultureInfo.InvariantCulture);
            var one = new ClusterSimulation.Case((int)Arg(1), 1, (int)Arg(2), TimeSpan.FromMilliseconds(Arg(3)), TimeSpan.FromMilliseconds(Arg(4)), TimeSpan.FromMilliseconds(Arg(5)));
            var r = ClusterSimulation.Run(one, TimeSpan.FromHours(2));
            return (r, $"simulated {one}: {r}");
        }
        var file = args.Length > 0 && args[0].EndsWith(".json", StringComparison.Ordinal)
            ? args[0]
            : Directory.GetFiles(outDir, "bench-cluster-roundtrip-*.json").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault()
              ?? throw new InvalidOperationException($"no bench-cluster-roundtrip-*.json in {outDir}: run cluster-roundtrip first or name one");
        var statistic = args.Contains("median") ? "median" : "p10";
        var rows = ReadRows(file);
        var costs = rows.Select(r => CostsOf(r, statistic == "median")).ToList();
        var fit = FitRoot(costs);
        var at1024 = costs.Single(c => c.N == 1024);
        long[] parameters = [10_000_000, 100_000_000, 1_000_000_000];
        int[] hosts = [1, 8, 64];
        var table = new List<Cell>();
        foreach (var n in new[] { 1024, 512 })
        {
            if (costs.FirstOrDefault(c => c.N == n) is not { } cost)
                continue;
            foreach (var p in parameters)
            foreach (var h in hosts)
                table.Add(CellOf(p, cost, h, 1));
        }
        // The check: the real actors in virtual time, the n = 1024 costs as delays, a grid of hosts and blocks.
        var checks = new List<Check>();
        foreach (var blocks in new[] { 10, 96, 954 })
        foreach (var h in hosts)
        {
            var c = new ClusterSimulation.Case(h, 1, blocks, Seconds(at1024.Host), Seconds(at1024.TrainerSend), Seconds(at1024.TrainerReceive));
            var result = ClusterSimulation.Run(c, TimeSpan.FromHours(2));
            // The simulated broker delivers at once: no one-way term.
            var predicted = Latency(at1024 with { OneWay = 0 }, blocks, h, 1);
            checks.Add(new Check(1024, blocks, h, 1, predicted, result.RefreshSeconds, result.FirstRefreshSeconds, result.RefreshSeconds / predicted - 1,
                result.Fallbacks, result.HostsUnreachable, result.JobWentSilent, result.WallSeconds));
            Console.WriteLine($"cluster-model: B = {blocks}, H = {h}: predicted {predicted:F2} s, simulated {result.RefreshSeconds:F2} s (first refresh {result.FirstRefreshSeconds:F2} s), {result.WallSeconds:F1} s wall");
        }
        var json = new { source = Path.GetFileName(file), statistic, costs, root_fit = fit, table, checks };
        return (json, Markdown(Path.GetFileName(file), statistic, costs, fit, table, checks));
    }

    /// <summary>L(H, B) = max(B·(s + r), B·s + S_h + r, s + ⌈B / (H·T)⌉·S_h + r) + d, seconds.</summary>
    public static double Latency(Costs c, int blocks, int hosts, int threads) => Terms(c, blocks, hosts, threads).Max() + c.OneWay;

    /// <summary>The three lower bounds: the trainer's work, the last snapshot's path, the busiest slot.</summary>
    private static double[] Terms(Costs c, int blocks, int hosts, int threads) =>
    [
        blocks * c.Trainer,
        blocks * c.TrainerSend + c.Host + c.TrainerReceive,
        c.TrainerSend + Rounds(blocks, hosts, threads) * c.Host + c.TrainerReceive,
    ];

    /// <summary>Which of the three bounds is the largest.</summary>
    private static string Bound(Costs c, int blocks, int hosts, int threads)
    {
        var terms = Terms(c, blocks, hosts, threads);
        var largest = Array.IndexOf(terms, terms.Max());
        return largest switch { 0 => "trainer", 1 => "trainer (sending) + last root", _ => "hosts" };
    }

    private static int Rounds(int blocks, int hosts, int threads) => (blocks + hosts * threads - 1) / (hosts * threads);

    private static Cell CellOf(long parameters, Costs c, int hosts, int threads)
    {
        var blocks = (int)((parameters + (long)c.N * c.N - 1) / ((long)c.N * c.N));
        var rounds = Rounds(blocks, hosts, threads);
        return new Cell(parameters, c.N, blocks, hosts, threads, rounds * c.Root, rounds * (c.Root + c.Transport), Latency(c, blocks, hosts, threads),
            Bound(c, blocks, hosts, threads));
    }

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks((long)System.Math.Round(seconds * TimeSpan.TicksPerSecond));

    private static List<ClusterRoundTrip.SizeRow> ReadRows(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var rows = document.RootElement.GetProperty("cluster").GetProperty("rows");
        return rows.Deserialize<List<ClusterRoundTrip.SizeRow>>(ConvergenceBenchmark.Json) ?? throw new InvalidOperationException($"no rows in {file}");
    }

    private static Costs CostsOf(ClusterRoundTrip.SizeRow r, bool median)
    {
        double S(ClusterRoundTrip.Stat? s) => s is null ? 0 : (median ? s.Median : s.P10) / 1000;
        var p = r.Pieces;
        var chunk = S(p.Chunking);
        var oneWay = S(p.RawOneWay);
        var root = (median ? r.ComputeMedian : r.ComputeP10) / 1000;
        var transport = (median ? r.TransportMedian : r.TransportP10) / 1000;
        return new Costs(r.N, root,
            TrainerSend: S(p.EncodeSnapshot) + S(p.RawPublishConfirm) + chunk / 2,
            TrainerReceive: S(p.DecodeRoots) + S(p.Validation) + chunk / 2,
            HostWire: S(p.DecodeSnapshot) + S(p.EncodeRoots) + S(p.RawPublishConfirm) + oneWay + chunk,
            OneWay: oneWay, Transport: transport);
    }

    /// <summary>c0 + c3·n³ minimizing the squared relative errors.</summary>
    private static RootFit FitRoot(List<Costs> costs)
    {
        // Weighted least squares with weights 1/t²: minimize Σ ((c0 + c3·x − t) / t)², x = n³.
        double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
        foreach (var c in costs)
        {
            var x = System.Math.Pow(c.N, 3);
            var w = 1 / (c.Root * c.Root);
            a11 += w;
            a12 += w * x;
            a22 += w * x * x;
            b1 += w * c.Root;
            b2 += w * x * c.Root;
        }
        var det = a11 * a22 - a12 * a12;
        var c0 = (b1 * a22 - b2 * a12) / det;
        var c3 = (a11 * b2 - a12 * b1) / det;
        return new RootFit(c0, c3, costs.Select(c => (c.N, c.Root, c0 + c3 * System.Math.Pow(c.N, 3))).ToList());
    }

    private static string Markdown(string source, string statistic, List<Costs> costs, RootFit fit, List<Cell> table, List<Check> checks)
    {
        var f = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(f, $"Cost model from `{source}` ({statistic} of each piece), per block of n×n parameters, milliseconds:");
        text.AppendLine();
        text.AppendLine("| n | bytes each way | t_root | trainer send (encode + publish→confirm) | trainer receive (decode + validate) | host wire (decode + encode + publish→confirm + next delivery) | one-way delivery | S_t = trainer per block | S_h = host slot per block | measured transport of one round trip | its rate, both ways' bytes ÷ transport |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var c in costs)
            text.AppendLine(f, $"| {c.N} | {2L * 8 * c.N * c.N:N0} | {c.Root * 1e3:F1} | {c.TrainerSend * 1e3:F1} | {c.TrainerReceive * 1e3:F1} | {c.HostWire * 1e3:F1} | {c.OneWay * 1e3:F1} | {c.Trainer * 1e3:F1} | {c.Host * 1e3:F1} | {c.Transport * 1e3:F1} | {4.0 * 8 * c.N * c.N / c.Transport / 1e6:F0} MB/s |");
        text.AppendLine();
        var (small, large) = (costs.OrderBy(c => c.N).SkipLast(1).LastOrDefault(), costs.MaxBy(c => c.N));
        if (small is not null && large is not null)
            text.AppendLine(f, $"Between n = {small.N} and n = {large.N}, t_root grows as n^{System.Math.Log(large.Root / small.Root) / System.Math.Log((double)large.N / small.N):F2}.");
        text.AppendLine(f, $"Fit t_root(n) ≈ c0 + c3·n³: c0 = {fit.C0 * 1e3:F2} ms, c3·1024³ = {fit.C3 * System.Math.Pow(1024, 3) * 1e3:F1} ms; measured / fitted: {string.Join("; ", fit.Points.Select(p => string.Create(f, $"n = {p.N}: {p.Measured * 1e3:F1} / {p.Fitted * 1e3:F1} ms")))}.");
        text.AppendLine();
        text.AppendLine("Refresh latency (every block once), one computing thread per host (T = 1), seconds: compute only = ⌈B/(H·T)⌉·t_root; brief = ⌈B/(H·T)⌉·(t_root + measured transport); model = max(B·(s + r), B·s + S_h + r, s + ⌈B/(H·T)⌉·S_h + r) + one-way, with s, r the trainer's send and receive (S_t = s + r).");
        text.AppendLine();
        text.AppendLine("| parameters | n | blocks B | hosts H | compute only | brief form | model | bound by |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var c in table)
            text.AppendLine(f, $"| {c.Parameters / 1e6:N0}M | {c.N} | {c.Blocks} | {c.Hosts} | {c.ComputeOnlySeconds:F2} | {c.BriefSeconds:F2} | {c.ModelSeconds:F2} | {c.Bound} |");
        text.AppendLine();
        text.AppendLine("Check: the real actors (ClusterPreconditioners, PreconditionerNode × H, 1 thread each) over the in-memory broker in virtual time, n = 1024 costs as delays (no one-way term: the in-memory broker delivers at once). Second refresh (steady state); the first includes the hosts taking up the new blocks.");
        text.AppendLine();
        text.AppendLine("| blocks B | hosts H | model s | simulated s | simulated ÷ model − 1 | first refresh s | fallbacks | hosts unreachable (trainer's detector) | job went silent (hosts' detector) | wall s |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var c in checks)
            text.AppendLine(f, $"| {c.Blocks} | {c.Hosts} | {c.PredictedSeconds:F2} | {c.SimulatedSeconds:F2} | {(c.Error < 0 ? "−" : "+")}{System.Math.Abs(c.Error).ToString("0.0%", f)} | {c.FirstRefreshSeconds:F2} | {c.Fallbacks} | {c.HostsUnreachable} | {c.JobWentSilent} | {c.WallSeconds:F1} |");
        return text.ToString();
    }
}
