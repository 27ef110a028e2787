namespace ShampooActors.Bench;

/// <summary>
/// The cluster benchmarks (not part of "all"): <c>cluster-roundtrip</c> (one block's round trip over the broker against the
/// in-process pool), <c>cluster-throughput</c> (roots per second with 1 and 2 host processes), <c>cluster-model</c> (the refresh
/// latency cost model, checked against the real actors in virtual time). Each needs rabbitmq-server except the model.
/// </summary>
public static class ClusterBenchmark
{
    /// <summary>Runs <paramref name="mode"/> with its own arguments; returns the JSON object and the markdown.</summary>
    public static (object Json, string Markdown) Run(string mode, string[] args, string outDir, string stamp) => mode switch
    {
        "cluster-roundtrip" => ClusterRoundTrip.Run(args, stamp),
        "cluster-throughput" => ClusterThroughput.Run(args, stamp),
        "cluster-model" => ClusterCostModel.Run(args, outDir),
        _ => throw new ArgumentException($"unknown cluster benchmark '{mode}' (cluster-roundtrip, cluster-throughput, cluster-model)", nameof(mode)),
    };
}
