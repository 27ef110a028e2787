using ShampooActors.Actors.Kernel;

namespace ShampooActors.Bench;

/// <summary>The one message instance every benchmark actor passes around, so that a message costs the kernel's allocations only.</summary>
internal sealed class Ball
{
    public static readonly Ball Instance = new();
}

/// <summary>Starts a ping-pong trial: serve to <see cref="Partner"/> and complete <see cref="Done"/> after that many returns.</summary>
internal sealed record Serve(IActorRef Partner, long RoundTrips, TaskCompletionSource Done);

/// <summary>
/// One side of ping-pong. The server (told <see cref="Serve"/>) counts returns and completes the trial; the other side
/// returns every ball to its sender.
/// </summary>
internal sealed class PingPongActor : ReceiveActor
{
    private long _remaining;
    private TaskCompletionSource? _done;

    public PingPongActor()
    {
        Receive<Serve>(serve =>
        {
            _remaining = serve.RoundTrips;
            _done = serve.Done;
            serve.Partner.Tell(Ball.Instance, Self);
        });
        Receive<Ball>(ball =>
        {
            if (_done is null)
                Sender.Tell(ball, Self);
            else if (--_remaining == 0)
            {
                var done = _done;
                _done = null;
                done.SetResult();
            }
            else
                Sender.Tell(ball, Self);
        });
    }
}

/// <summary>
/// What the fan-in receivers count towards: a cumulative per-receiver target (raised by the trial's share before each
/// trial) and the number of receivers that have not reached it yet.
/// </summary>
internal sealed class FanInTrial
{
    private long _target;
    private int _remaining;
    private TaskCompletionSource _done = new();

    public long Target => Volatile.Read(ref _target);

    public Task Done => _done.Task;

    /// <summary>Raises every receiver's target by <paramref name="perReceiver"/>; call only between trials.</summary>
    public void Next(long perReceiver, int receivers)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, receivers);
        Volatile.Write(ref _target, _target + perReceiver);
    }

    /// <summary>A receiver has reached the target.</summary>
    public void Arrived()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
            _done.SetResult();
    }
}

/// <summary>Counts the balls it receives and reports once it has the trial's share.</summary>
internal sealed class FanInReceiver : ReceiveActor
{
    private long _received;

    public FanInReceiver(FanInTrial trial)
    {
        Receive<Ball>(_ =>
        {
            if (++_received == trial.Target)
                trial.Arrived();
        });
        Receive<CountQuery>(_ => Sender.Tell(_received, Self));
    }
}

/// <summary>Asks a fan-in receiver for its count of balls so far.</summary>
internal sealed class CountQuery
{
    public static readonly CountQuery Instance = new();
}

/// <summary>Tells a fan-in sender to send <see cref="Rounds"/> balls to every receiver.</summary>
internal sealed record Spray(int Rounds);

/// <summary>
/// Sends one ball to every receiver per turn (starting at its own offset, so that senders hit different receivers at
/// the same time), then tells itself to continue: senders interleave with receivers on the pool instead of holding a
/// thread for a whole trial.
/// </summary>
internal sealed class FanInSender : ReceiveActor
{
    private sealed class Continue
    {
        public static readonly Continue Instance = new();
    }

    private int _roundsLeft;

    public FanInSender(IActorRef[] receivers, int offset)
    {
        Receive<Spray>(spray =>
        {
            _roundsLeft = spray.Rounds;
            SendRound();
        });
        Receive<Continue>(_ => SendRound());

        void SendRound()
        {
            var self = Self;
            for (var i = 0; i < receivers.Length; i++)
                receivers[(offset + i) % receivers.Length].Tell(Ball.Instance, self);
            if (--_roundsLeft > 0)
                self.Tell(Continue.Instance, self);
        }
    }
}

/// <summary>Replies to every ball with the same ball.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor()
    {
        Receive<Ball>(ball => Sender.Tell(ball, Self));
    }
}

/// <summary>An actor with one handler that is never called: what an idle actor costs.</summary>
internal sealed class IdleActor : ReceiveActor
{
    private static int s_created;

    public IdleActor()
    {
        Receive<Ball>(_ => { });
        Interlocked.Increment(ref s_created);
    }

    public static int Created => Volatile.Read(ref s_created);
}
