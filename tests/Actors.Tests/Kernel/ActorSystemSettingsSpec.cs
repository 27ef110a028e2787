using ShampooActors.Actors.Tests.Support;
using ShampooActors.Configuration;

namespace ShampooActors.Actors.Tests.Kernel;

public sealed class ActorSystemSettingsSpec
{
    [Fact]
    public void The_defaults_are_the_actors_section_of_the_reference_file()
    {
        var file = Config.ParseFile(Path.Combine(Repository.Root, "hocon", "reference.conf")).Resolve();

        var settings = ActorSystemSettings.Default;

        Assert.Equal(file.GetInt("actors.dispatchers.default.throughput"), settings.Dispatchers["default"].Throughput);
        Assert.Equal(DispatcherKind.ThreadPool, settings.Dispatchers["default"].Kind);
        Assert.Equal(DispatcherKind.DedicatedThreads, settings.Dispatchers["numeric"].Kind);
        Assert.Equal(file.GetInt("actors.dispatchers.numeric.threads"), settings.Dispatchers["numeric"].Threads);
        Assert.Equal(file.GetDuration("actors.ask-timeout"), settings.AskTimeout);
        Assert.Equal(file.GetInt("actors.log-dead-letters"), settings.LogDeadLetters);
        Assert.Equal(file.GetBoolean("actors.log-dead-letters-during-shutdown"), settings.LogDeadLettersDuringShutdown);
        Assert.Equal(file.GetStringList("actors.coordinated-shutdown.phases"), settings.CoordinatedShutdown.Phases);
        Assert.Equal(file.GetDuration("actors.coordinated-shutdown.phase-timeout"), settings.CoordinatedShutdown.PhaseTimeout);
    }

    [Fact]
    public void The_defaults_follow_akka()
    {
        var settings = ActorSystemSettings.Default;

        Assert.Equal(30, settings.Dispatchers["default"].Throughput);
        Assert.Equal(Timeout.InfiniteTimeSpan, settings.AskTimeout);
        Assert.Equal(10, settings.LogDeadLetters);
        Assert.False(settings.LogDeadLettersDuringShutdown);
        Assert.Equal(LogLevel.Info, settings.LogLevel);
        Assert.Equal(CoordinatedShutdown.PhaseActorSystemTerminate, settings.CoordinatedShutdown.Phases[^1]);
    }

    [Fact]
    public void A_job_config_overrides_the_reference_and_keeps_the_rest()
    {
        var settings = ActorSystemSettings.From(Config.Parse("""
            actors.dispatchers.numeric.threads = 3
            actors.ask-timeout = 750ms
            actors.log-dead-letters = off
            actors.loglevel = WARNING
            """));

        Assert.Equal(3, settings.Dispatchers["numeric"].Threads);
        Assert.Equal(1, settings.Dispatchers["numeric"].Throughput);
        Assert.Equal(TimeSpan.FromMilliseconds(750), settings.AskTimeout);
        Assert.Equal(0, settings.LogDeadLetters);
        Assert.Equal(LogLevel.Warning, settings.LogLevel);
        Assert.Equal(30, settings.Dispatchers["default"].Throughput);
    }

    [Fact]
    public void A_dispatcher_added_by_config_can_be_looked_up_by_its_id()
    {
        using var system = ActorSystem.Create("dispatchers", Config.Parse("""
            actors.dispatchers.io { type = dedicated-threads, throughput = 5, threads = 1 }
            """));

        var dispatcher = system.Dispatchers.Lookup("io");

        Assert.IsType<DedicatedThreadDispatcher>(dispatcher);
        Assert.Equal(5, dispatcher.Throughput);
        Assert.Same(dispatcher, system.Dispatchers.Lookup("io"));
    }

    [Fact]
    public void An_unknown_dispatcher_id_names_the_ones_there_are()
    {
        using var system = ActorSystem.Create("dispatchers");

        var error = Assert.Throws<ActorSettingsException>(() => system.ActorOf(Props.Create<Idle>().WithDispatcher("gpu")));

        Assert.Equal("no dispatcher 'gpu' in actors.dispatchers (there are: default, numeric)", error.Message);
    }

    [Theory]
    [InlineData("actors.dispatchers.default.throughput = 0", "job.conf:1: actors.dispatchers.default.throughput: is 0; it must be at least 1")]
    [InlineData("actors.dispatchers.numeric.type = fibers", "job.conf:1: actors.dispatchers.numeric.type: is 'fibers'; use thread-pool or dedicated-threads")]
    [InlineData("actors.ask-timeout = -1s", "job.conf:1: actors.ask-timeout: is -00:00:01; it must be positive and at most 49.7 days, or infinite")]
    [InlineData("actors.ask-timeout = 50d", "job.conf:1: actors.ask-timeout: is 50.00:00:00; it must be positive and at most 49.7 days, or infinite")]
    [InlineData("actors.loglevel = loud", "job.conf:1: actors.loglevel: is 'loud'; use debug, info, warning or error")]
    [InlineData("actors.log-dead-letters = -2", "job.conf:1: actors.log-dead-letters: is -2; use on, off or a count")]
    [InlineData("actors.coordinated-shutdown.phases = [a, b, a]", "job.conf:1: actors.coordinated-shutdown.phases: names phase 'a' twice")]
    [InlineData("actors.coordinated-shutdown.phases = []", "job.conf:1: actors.coordinated-shutdown.phases: is empty; name at least one phase")]
    public void A_bad_setting_is_one_line_naming_its_file_line_and_path(string setting, string message)
    {
        var error = Assert.Throws<ConfigException>(() => ActorSystemSettings.From(Config.Parse(setting, "job.conf")));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_system_name_with_a_slash_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ActorSystem.Create("a/b"));

        Assert.StartsWith("actor system name 'a/b' must be letters, digits, '-' and '_'", error.Message);
    }

    private sealed class Idle : ReceiveActor;
}
