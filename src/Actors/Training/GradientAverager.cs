using System.Numerics.Tensors;
using ShampooActors.Actors.Kernel;
using ShampooActors.Math.Nn;

namespace ShampooActors.Actors.Training;

/// <summary>A replica's gradients for one step (left in its parameters, untouched until it hears back) and its shard's loss.</summary>
internal sealed record Gradients(int Rank, long Step, IReadOnlyList<Parameter> Parameters, float Loss);

/// <summary>
/// To the leader: the step's averaged gradients are in its parameters' gradients; the batch loss; and the other replicas, idle
/// until the leader has copied its updated parameters into theirs and told them to go on.
/// </summary>
internal sealed record Averaged(long Step, float Loss, IReadOnlyList<Follower> Followers);

/// <summary>A replica other than the leader, waiting for the parameters of a step: its actor and its parameters.</summary>
internal sealed record Follower(IActorRef Actor, IReadOnlyList<Parameter> Parameters);

/// <summary>To a follower: its parameters now hold the leader's after <paramref name="Step"/>; compute the next step's gradients.</summary>
internal sealed record Synchronized(long Step);

/// <summary>
/// The all-reduce of data-parallel replicas: when every replica's gradients for a step are in, it sums them in rank order,
/// scales by 1/N into the leader's gradients and answers the leader with <see cref="Averaged"/>. Only the leader runs the
/// optimizer; it copies the updated parameters into the followers, so the replicas are identical by construction.
/// </summary>
internal sealed class GradientAverager : ReceiveActor
{
    private readonly Gradients?[] _arrived;
    private readonly IActorRef[] _senders;
    private int _count;

    public GradientAverager(int replicas)
    {
        _arrived = new Gradients?[replicas];
        _senders = new IActorRef[replicas];
        Receive<Gradients>(g =>
        {
            if (_arrived[g.Rank] is not null)
                throw new InvalidOperationException($"replica {g.Rank} sent gradients for step {g.Step} twice");
            _arrived[g.Rank] = g;
            _senders[g.Rank] = Sender;
            if (++_count == replicas)
                Reduce();
        });
    }

    public static Props Props(int replicas) => Kernel.Props.Create(() => new GradientAverager(replicas));

    private void Reduce()
    {
        var all = _arrived.Select(g => g!).ToArray();
        var step = all[0].Step;
        if (all.Any(g => g.Step != step))
            throw new InvalidOperationException($"replicas are at different steps: {string.Join(", ", all.Select(g => g.Step))}");
        var scale = 1f / all.Length;
        for (var p = 0; p < all[0].Parameters.Count; p++)
        {
            if (all[0].Parameters[p].Grad is not { } first)
                continue;
            var sum = first.Data;
            for (var r = 1; r < all.Length; r++)
                TensorPrimitives.Add(sum, all[r].Parameters[p].Grad!.Data, sum);
            TensorPrimitives.Multiply(sum, scale, sum);
        }
        var loss = (float)(all.Sum(g => (double)g.Loss) / all.Length);
        var followers = Enumerable.Range(1, all.Length - 1).Select(r => new Follower(_senders[r], all[r].Parameters)).ToArray();
        _senders[0].Tell(new Averaged(step, loss, followers), Self);
        Array.Clear(_arrived);
        _count = 0;
    }
}
