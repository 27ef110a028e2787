namespace ShampooActors.Actors.Tests.Testing;

public sealed class VirtualTimeSpec
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(List<(string, TimeSpan)> log, VirtualClock clock)
        {
            Receive<string>(s => log.Add((s, clock.Elapsed)));
        }
    }

    [Fact]
    public void Nothing_runs_until_the_actors_are_run()
    {
        var time = new VirtualTime();
        using var system = ActorSystem.Create("vt", setup: time.Setup());
        var log = new List<(string, TimeSpan)>();
        var recorder = system.ActorOf(Props.Create(() => new Recorder(log, time.Clock)));

        recorder.Tell("a");
        var before = log.Count;
        time.RunUntilIdle();

        Assert.Equal(0, before);
        Assert.Equal([("a", TimeSpan.Zero)], log);
    }

    [Fact]
    public void Advance_delivers_scheduled_messages_at_their_due_times_and_honours_work_scheduled_during_it()
    {
        var time = new VirtualTime();
        using var system = ActorSystem.Create("vt", setup: time.Setup());
        var log = new List<(string, TimeSpan)>();
        var recorder = system.ActorOf(Props.Create(() => new Recorder(log, time.Clock)));
        system.Scheduler.ScheduleTellOnce(2 * Second, recorder, "two", null);
        system.Scheduler.ScheduleOnce(Second, () => system.Scheduler.ScheduleTellOnce(Second + Second, recorder, "one+two", null));

        time.Advance(5 * Second);

        Assert.Equal([("two", 2 * Second), ("one+two", 3 * Second)], log);
        Assert.Equal(5 * Second, time.Elapsed);
    }

    [Fact]
    public void RunUntil_stops_the_clock_where_the_condition_first_holds()
    {
        var time = new VirtualTime();
        using var system = ActorSystem.Create("vt", setup: time.Setup());
        var log = new List<(string, TimeSpan)>();
        var recorder = system.ActorOf(Props.Create(() => new Recorder(log, time.Clock)));
        system.Scheduler.ScheduleTellOnce(3 * Second, recorder, "x", null);

        var held = time.RunUntil(() => log.Count == 1, 10 * Second);

        Assert.True(held);
        Assert.Equal(3 * Second, time.Elapsed);
    }

    [Fact]
    public void RunUntil_gives_up_at_its_limit()
    {
        var time = new VirtualTime();

        var held = time.RunUntil(() => false, 4 * Second);

        Assert.False(held);
        Assert.Equal(4 * Second, time.Elapsed);
    }
}
