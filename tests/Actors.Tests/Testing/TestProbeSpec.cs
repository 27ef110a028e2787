using Xunit.Sdk;

namespace ShampooActors.Actors.Tests.Testing;

public sealed class TestProbeSpec : TestKit
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void ExpectMsg_advances_virtual_time_to_the_message_and_no_further()
    {
        Sys.Scheduler.ScheduleTellOnce(2 * Second, TestActor, "late", null);

        ExpectMsg("late", timeout: 5 * Second);

        Assert.Equal(2 * Second, Time.Elapsed);
    }

    [Fact]
    public void ExpectMsg_fails_when_the_message_comes_after_the_timeout()
    {
        Sys.Scheduler.ScheduleTellOnce(2 * Second, TestActor, "late", null);

        var error = Assert.Throws<XunitException>(() => ExpectMsg("late", timeout: Second));

        Assert.Equal("timed out after 00:00:01 waiting for late", error.Message);
        Assert.Equal(Second, Time.Elapsed);
    }

    [Fact]
    public void ExpectMsg_of_the_wrong_type_names_what_came()
    {
        TestActor.Tell(42);

        var error = Assert.Throws<XunitException>(() => ExpectMsg<string>());

        Assert.StartsWith("expected a String but received 42 (Int32)", error.Message);
    }

    [Fact]
    public void ExpectNoMsg_passes_exactly_its_duration_at_once()
    {
        Sys.Scheduler.ScheduleTellOnce(3 * Second, TestActor, "later", null);

        ExpectNoMsg(3 * Second - TimeSpan.FromTicks(1));
        Assert.Equal(3 * Second - TimeSpan.FromTicks(1), Time.Elapsed);
        Assert.Throws<XunitException>(() => ExpectNoMsg(TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void FishForMessage_skips_until_a_match()
    {
        foreach (var i in new[] { 1, 2, 3, 4 })
            TestActor.Tell(i);

        var found = FishForMessage<int>(i => i > 2);

        Assert.Equal(3, found);
        ExpectMsg(4);
    }

    [Fact]
    public void Within_bounds_the_expectations_inside_it()
    {
        Sys.Scheduler.ScheduleTellOnce(2 * Second, TestActor, "two", null);

        var error = Assert.Throws<XunitException>(() => Within(Second, () => ExpectMsg("two")));

        Assert.StartsWith("timed out after 00:00:01", error.Message);
    }

    [Fact]
    public void Within_fails_a_block_faster_than_its_minimum()
    {
        TestActor.Tell("now");

        var error = Assert.Throws<XunitException>(() => Within(Second, 2 * Second, () => ExpectMsg("now")));

        Assert.Equal("the block took 00:00:00, less than the minimum 00:00:01", error.Message);
    }

    [Fact]
    public void AwaitAssert_retries_as_virtual_time_passes()
    {
        var ready = false;
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(250), () => ready = true);

        AwaitAssert(() => Assert.True(ready), Second, TimeSpan.FromMilliseconds(100));

        Assert.Equal(TimeSpan.FromMilliseconds(300), Time.Elapsed);
    }

    [Fact]
    public void AwaitAssert_rethrows_the_last_failure_after_its_duration()
    {
        Assert.Throws<FalseException>(() => AwaitAssert(() => Assert.False(true), Second));
        Assert.Equal(Second, Time.Elapsed);
    }

    [Fact]
    public void AwaitCondition_passes_at_the_timer_that_makes_the_condition_true()
    {
        var ready = false;
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(250), () => ready = true);
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(400), () => ready = false);

        AwaitCondition(() => ready, Second);

        Assert.Equal(TimeSpan.FromMilliseconds(250), Time.Elapsed);
        Assert.True(ready);
    }

    [Fact]
    public void AwaitCondition_sees_a_condition_that_an_actor_makes_true_when_a_scheduled_message_arrives()
    {
        var probe = CreateTestProbe();
        Sys.Scheduler.ScheduleTellOnce(2 * Second, probe.Ref, "late", null);

        AwaitCondition(() => probe.HasMessages, 3 * Second);

        Assert.Equal(2 * Second, Time.Elapsed);
        probe.ExpectMsg("late", TimeSpan.Zero);
    }

    [Fact]
    public void AwaitCondition_fails_at_its_limit_with_the_clock_at_the_limit()
    {
        var ready = false;
        Sys.Scheduler.ScheduleOnce(2 * Second, () => ready = true);

        var error = Assert.Throws<XunitException>(() => AwaitCondition(() => ready, Second, "ready"));

        Assert.Equal("condition not met within 00:00:01 (ready)", error.Message);
        Assert.Equal(Second, Time.Elapsed);
        Assert.False(ready);
    }

    [Fact]
    public void AwaitCondition_without_a_limit_waits_the_time_left_in_Within()
    {
        var error = Assert.Throws<XunitException>(() => Within(2 * Second, () => AwaitCondition(() => false)));

        Assert.Equal("condition not met within 00:00:02", error.Message);
        Assert.Equal(2 * Second, Time.Elapsed);
    }

    [Fact]
    public void A_probe_replies_to_and_forwards_the_last_sender()
    {
        var probe = CreateTestProbe("collaborator");
        var other = CreateTestProbe();

        probe.Ref.Tell("question", TestActor);
        probe.ExpectMsg("question");
        probe.Reply("answer");
        probe.Forward(other.Ref);

        ExpectMsg("answer");
        Assert.Equal(probe.Ref, LastSender);
        other.ExpectMsg("question");
        Assert.Equal(TestActor, other.LastSender);
    }

    [Fact]
    public void An_auto_pilot_answers_until_it_switches_itself_off()
    {
        var probe = CreateTestProbe();
        probe.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            sender.Tell($"re:{message}", ActorRefs.NoSender);
            return message is "last" ? AutoPilot.NoAutoPilot : AutoPilot.KeepRunning;
        }));

        probe.Ref.Tell("first", TestActor);
        probe.Ref.Tell("last", TestActor);
        probe.Ref.Tell("unanswered", TestActor);

        ExpectMsg("re:first");
        ExpectMsg("re:last");
        ExpectNoMsg(Second);
        Assert.Equal(["first", "last", "unanswered"], probe.ReceiveN(3));
    }

    [Fact]
    public void Ask_from_the_test_completes_through_Result()
    {
        var probe = CreateTestProbe();
        probe.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            sender.Tell((int)message * 2, ActorRefs.NoSender);
            return AutoPilot.KeepRunning;
        }));

        Assert.Equal(42, Result(probe.Ref.Ask<int>(21)));
    }

    [Fact]
    public void ExpectEvent_sees_a_dead_letter_published_by_the_action()
    {
        var probe = CreateTestProbe();
        Watch(probe.Ref);
        Sys.Stop(probe.Ref);
        ExpectTerminated(probe.Ref);

        var letter = ExpectEvent<DeadLetter>(() => probe.Ref.Tell("lost", TestActor));

        Assert.Equal("lost", letter.Message);
        Assert.Equal(probe.Ref, letter.Recipient);
        Assert.Equal(TestActor, letter.Sender);
    }

    [Fact]
    public void ExpectNoEvent_fails_when_a_matching_event_is_published()
    {
        Assert.Throws<XunitException>(() => ExpectNoEvent<Info>(() => Sys.Log.Info("something")));
        ExpectNoEvent<Info>(() => Sys.Log.Warning("not info"));
    }
}

public sealed class RealTimeTestProbeSpec() : TestKit(TestKitMode.RealTime)
{
    [Fact]
    public void ExpectMsg_waits_for_a_message_from_another_thread()
    {
        var sender = new Thread(() =>
        {
            Thread.Sleep(20);
            TestActor.Tell("from a thread");
        });
        sender.Start();

        ExpectMsg("from a thread", TimeSpan.FromSeconds(3));
        sender.Join();
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives_in_time()
    {
        TestActor.Tell("early");

        Assert.Throws<XunitException>(() => ExpectNoMsg(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Real_time_mode_has_no_virtual_time()
    {
        Assert.Equal(TestKitMode.RealTime, Mode);
        Assert.Throws<InvalidOperationException>(() => Advance(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Within_passes_a_block_that_waits_for_a_message_from_another_thread_between_its_bounds()
    {
        var sending = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            TestActor.Tell("late");
        });

        Within(TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5), () => ExpectMsg("late"));

        await sending;
    }

    [Fact]
    public async Task Within_bounds_the_expectations_inside_it_in_real_time()
    {
        var release = new TaskCompletionSource();
        var sending = Task.Run(async () =>
        {
            await release.Task;
            TestActor.Tell("too late");
        });

        var error = Assert.Throws<XunitException>(() => Within(TimeSpan.FromMilliseconds(200), () => ExpectMsg("too late")));

        Assert.StartsWith("timed out after 00:00:00.", error.Message); // what was left of the 200 ms, not the 3 s default
        Assert.EndsWith("waiting for too late", error.Message);
        release.SetResult();
        await sending;
        ExpectMsg("too late");
    }

    [Fact]
    public async Task An_auto_pilot_answers_Asks_from_another_thread_in_real_time()
    {
        var probe = CreateTestProbe();
        probe.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            sender.Tell((int)message * 2, ActorRefs.NoSender);
            return message is 9 ? AutoPilot.NoAutoPilot : AutoPilot.KeepRunning;
        }));

        var replies = await Task.Run(() => Task.WhenAll(Enumerable.Range(0, 10).Select(i => probe.Ref.Ask<int>(i, TimeSpan.FromSeconds(10)))));
        var unanswered = probe.Ref.Ask<int>(10, TimeSpan.FromMilliseconds(300));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 2), replies);
        await Assert.ThrowsAsync<AskTimeoutException>(() => unanswered);
        Assert.Equal(Enumerable.Range(0, 11).Cast<object>(), probe.ReceiveN(11, TimeSpan.FromSeconds(3)));
    }
}
