using System.Text.RegularExpressions;
using ShampooActors.Actors.Cluster.Transport;

namespace ShampooActors.Actors.Cluster;

/// <summary>
/// The names and declarations of the broker objects of the cluster protocol. Everything a job uses carries its id, so two
/// jobs on one broker never see each other's messages; only the announcement exchange is shared. Trainers and nodes declare
/// with the same arguments (declarations are idempotent).
/// </summary>
public static partial class ClusterTopology
{
    /// <summary>The fanout exchange on which trainers announce their jobs to preconditioner hosts.</summary>
    public const string Announcements = "shampoo.jobs";

    /// <summary>How long a chunk queue of a snapshot too large for one message lives unused before the broker deletes it.</summary>
    public static readonly TimeSpan ChunkQueueExpiry = TimeSpan.FromMinutes(2);

    /// <summary>How long a block queue lives unused (no consumer, not declared again) before the broker deletes it: its trainer declares it again every <see cref="RedeclareEveryTicks"/> heartbeat intervals.</summary>
    public static readonly TimeSpan BlockQueueExpiry = TimeSpan.FromMinutes(10);

    /// <summary>Heartbeat intervals between a trainer's declarations of its block queues, which renew their lease.</summary>
    public const int RedeclareEveryTicks = 60;

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="job"/> is 1–100 letters, digits, '.', '_' or '-'.</summary>
    public static void CheckJobId(string job)
    {
        if (!JobIdPattern().IsMatch(job))
            throw new ArgumentException($"job id '{job}' must be 1 to 100 letters, digits, '.', '_' or '-'", nameof(job));
    }

    /// <summary>The queue of block <paramref name="block"/>'s snapshots: the newest only (drop-head), dead letters to the job's dead-letter exchange.</summary>
    public static QueueSpec BlockQueue(string job, int block) =>
        new($"shampoo.{job}.block.{block}") { MaxLength = 1, DeadLetterExchange = DeadLetters(job), Expires = BlockQueueExpiry };

    /// <summary>The fanout exchange that carries the job's roots to its trainers.</summary>
    public static string Roots(string job) => $"shampoo.{job}.roots";

    /// <summary>The fanout exchange on which the job's preconditioner hosts send heartbeats.</summary>
    public static string Heartbeats(string job) => $"shampoo.{job}.heartbeats";

    /// <summary>The fanout exchange of the job's dead letters (rejected snapshots and roots, snapshots replaced in their queue).</summary>
    public static string DeadLetters(string job) => $"shampoo.{job}.dead";

    /// <summary>A trainer's own queue on <paramref name="exchange"/>: exclusive to its connection, so it goes when the trainer goes.</summary>
    public static QueueSpec TrainerQueue(string exchange, string trainer) => new($"{exchange}.{trainer}") { Exclusive = true };

    /// <summary>The queue of the job's roots to one trainer: dead letters (an invalid root rejected) to the job's dead-letter exchange.</summary>
    public static QueueSpec TrainerRootsQueue(string job, string trainer) =>
        TrainerQueue(Roots(job), trainer) with { DeadLetterExchange = DeadLetters(job) };

    /// <summary>The trainer's queue of dead letters, bounded (it counts them as they come).</summary>
    public static QueueSpec DeadLetterQueue(string job, string trainer) => TrainerQueue(DeadLetters(job), trainer) with { MaxLength = 100 };

    /// <summary>A node incarnation's queue of job announcements.</summary>
    public static QueueSpec NodeAnnouncementQueue(string node, long incarnation) =>
        new($"{Announcements}.{node}.{incarnation}") { Exclusive = true };

    /// <summary>The queue holding the chunks of one large snapshot (claim check); deleted by its reader, or by the broker when unused.</summary>
    public static QueueSpec ChunkQueue(string job, string messageId) =>
        new($"shampoo.{job}.chunks.{messageId}") { Expires = ChunkQueueExpiry };

    /// <summary>Declares the exchanges every party of <paramref name="job"/> uses.</summary>
    public static async Task DeclareJobAsync(IBrokerChannel channel, string job)
    {
        await channel.DeclareExchangeAsync(Announcements, ExchangeKind.Fanout);
        await channel.DeclareExchangeAsync(Roots(job), ExchangeKind.Fanout);
        await channel.DeclareExchangeAsync(Heartbeats(job), ExchangeKind.Fanout);
        await channel.DeclareExchangeAsync(DeadLetters(job), ExchangeKind.Fanout);
    }

    /// <summary>Declares <paramref name="spec"/> and binds it to the fanout <paramref name="exchange"/>.</summary>
    public static async Task DeclareBoundAsync(IBrokerChannel channel, QueueSpec spec, string exchange)
    {
        await channel.DeclareQueueAsync(spec);
        await channel.BindQueueAsync(spec.Name, exchange, "");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex JobIdPattern();
}
