using System.CommandLine;
using System.Runtime.InteropServices;
using ShampooActors.Actors.Cluster.Node;
using ShampooActors.Actors.Kernel;
using ShampooActors.Actors.Training;
using ShampooActors.Configuration;
using ShampooActors.Host.Settings;
using ShampooActors.Math.Linalg;
using ShampooActors.Math.Native;

namespace ShampooActors.Host;

/// <summary>The <c>node</c> command: a preconditioner host computing the roots of the jobs it serves until Ctrl+C or SIGTERM.</summary>
internal static class NodeCommand
{
    public static Command Create(TextWriter output)
    {
        var config = new Option<string?>("--config") { Description = "Config file (HOCON) with the cluster section, layered over reference.conf" };
        var set = TrainCommand.SetOption();
        var command = new Command("node", "Run a preconditioner host: compute inverse roots for the jobs on the broker until stopped") { config, set };
        command.SetAction(result =>
        {
            var file = result.GetValue(config);
            var job = TrainCommand.Load(file, result.GetValue(set) ?? [], null, result);
            Actors.Kernel.ActorSystemSettings.From(job);
            var cluster = ClusterSettings.From(job);
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            });
            try
            {
                return Run(job, cluster, output, stop.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    /// <summary>Connects, starts the host's actor system and runs until <paramref name="stop"/> is cancelled.</summary>
    public static int Run(Config config, ClusterSettings cluster, TextWriter output, CancellationToken stop)
    {
        if (!cluster.Node.Roles.Contains("preconditioner"))
            throw new UsageException("cluster.node.roles does not include preconditioner: this host would have nothing to do");
        NativeLibraries.EnsureLoaded();
        var options = cluster.ForNode(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        // One OpenBLAS thread per computation when several run at once; all cores for a single one.
        Blas.Threads = System.Math.Max(1, Environment.ProcessorCount / options.Threads);
        var connection = BrokerConnection.Open(cluster.Broker, $"shampoo-actors node {options.Name}", cluster.Limits.MaxMessageBytes);
        var threads = Config.ParseSetting("actors.dispatchers.numeric.threads", options.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "cluster.node.threads");
        var system = ActorSystem.Create("shampoo-node", threads.WithFallback(config).Resolve());
        try
        {
            LogPrinter.Start(system, output, LogLevel.Info);
            system.ActorOf(PreconditionerNode.Props(options, connection, LocalRootService.Instance), "node");
            output.WriteLine($"node {options.Name}: connected to {cluster.Broker.Host}:{cluster.Broker.Port}; serving {string.Join(", ", options.Jobs)} with {options.Threads} thread{(options.Threads == 1 ? "" : "s")}");
            Task.WhenAny(Task.Delay(Timeout.Infinite, stop), system.WhenTerminated).ContinueWith(_ => { }, TaskScheduler.Default).GetAwaiter().GetResult();
            output.WriteLine($"node {options.Name}: stopping");
            return 0;
        }
        finally
        {
            system.Terminate().GetAwaiter().GetResult();
            connection.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        }
    }
}
