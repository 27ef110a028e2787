using System.Numerics.Tensors;
using ShampooActors.Actors.Kernel;
using ShampooActors.Math.Nn;

namespace ShampooActors.Actors.Training;

/// <summary>A replica's gradients for one step (left in its parameters, untouched until the answer), its shard's loss, and the roots the leader adopted.</summary>
internal sealed record Gradients(int Rank, long Step, IReadOnlyList<Parameter> Parameters, float Loss, IReadOnlyList<PreconditionerReady> Adopted);

/// <summary>The step's averaged gradients are in every replica's parameters: the batch loss, and the roots every replica adopts before its update.</summary>
internal sealed record Averaged(long Step, float Loss, IReadOnlyList<PreconditionerReady> Adopted);

/// <summary>
/// The all-reduce of data-parallel replicas: when every replica's gradients for a step are in, it averages them in rank
/// order (so every replica gets the same bits) into every replica's parameters and answers each with <see cref="Averaged"/>.
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
            for (var r = 1; r < all.Length; r++)
                sum.CopyTo(all[r].Parameters[p].Grad!.Data);
        }
        var loss = (float)(all.Sum(g => (double)g.Loss) / all.Length);
        var answer = new Averaged(step, loss, all[0].Adopted);
        for (var r = 0; r < all.Length; r++)
            _senders[r].Tell(answer, Self);
        Array.Clear(_arrived);
        _count = 0;
    }
}
