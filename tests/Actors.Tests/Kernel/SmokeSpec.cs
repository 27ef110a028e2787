namespace ShampooActors.Actors.Tests.Kernel;

public sealed class SmokeSpec : TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo()
        {
            Receive<string>(s => Sender.Tell("echo:" + s));
            Receive<int>(_ => throw new InvalidOperationException("boom"));
        }
    }

    [Fact]
    public void Echo_replies_to_the_sender()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");
        echo.Tell("hi", TestActor);
        ExpectMsg("echo:hi");
        Assert.Equal("echo:x", Result(echo.Ask<string>("x")));
    }

    [Fact]
    public void A_failure_restarts_and_later_messages_are_processed()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");
        echo.Tell(1, TestActor);
        echo.Tell("after", TestActor);
        ExpectMsg("echo:after");
    }

    [Fact]
    public void Ask_times_out_exactly_at_the_deadline()
    {
        var silent = Sys.ActorOf(Props.Create(() => new Echo()), "echo");
        var task = silent.Ask<string>(3.0, TimeSpan.FromSeconds(2));
        Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.False(task.IsCompleted);
        Advance(TimeSpan.FromTicks(1));
        Assert.True(task.IsFaulted);
        Assert.IsType<AskTimeoutException>(task.Exception!.InnerException);
    }
}
