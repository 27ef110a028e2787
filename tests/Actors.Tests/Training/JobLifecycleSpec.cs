using ShampooActors.Actors.Training;
using ShampooActors.Math.Optim;

namespace ShampooActors.Actors.Tests.Training;

/// <summary>The job's loop end to end in virtual time: sync mode against the plain loop, replicas, checkpoints, stopping.</summary>
public sealed class JobLifecycleSpec : TestKit
{
    private JobFinished Run(TrainingJob job, PreconditioningMetrics? metrics = null) =>
        Result(Sys.ActorOf(JobActor.Props(job, metrics ?? new PreconditioningMetrics())).Ask<JobFinished>(StartTraining.Instance));

    [Fact]
    public void Sync_mode_through_the_orchestrator_gives_the_plain_loops_parameters_bit_for_bit_after_every_step()
    {
        const int steps = 12;
        var reference = TinyJob.Replica(0, 1, TinyJob.Shampoo());
        var expected = new List<float[][]>();
        for (var s = 0; s < steps; s++)
        {
            reference.Trainer.RunStep();
            expected.Add(RecordingObserver.Parameters(reference));
        }
        var observer = new RecordingObserver();

        var finished = Run(TinyJob.Create(steps, observer, new PreconditioningOptions { Mode = PreconditioningMode.Sync }));

        Assert.Equal(new JobFinished("completed", steps, null), finished);
        Assert.Equal(Enumerable.Range(1, steps).Select(s => (long)s), observer.Steps.Select(r => r.Result.Step));
        for (var s = 0; s < steps; s++)
            Assert.Equal(expected[s], observer.ParametersAfterStep[s]);
        Assert.Equal(0, ((Shampoo)observer.Leader!.Optimizer).Staleness(0));
    }

    [Fact]
    public void Data_parallel_replicas_stay_identical_bit_for_bit_with_asynchronous_roots_and_only_the_leader_runs_the_optimizer()
    {
        var replicas = new List<Replica>();
        var job = TinyJob.Create(10, new RecordingObserver(), replicas: 3, options: TinyJob.Shampoo(), batchSize: 12, createReplica: rank =>
        {
            var replica = TinyJob.Replica(rank, 3, TinyJob.Shampoo(), batchSize: 12);
            replicas.Add(replica);
            return replica;
        });

        Assert.Equal("completed", Run(job).Outcome);

        Assert.Equal(3, replicas.Count);
        var shampoos = replicas.Select(r => (Shampoo)r.Optimizer).ToArray();
        Assert.Contains(shampoos[0].Blocks, b => shampoos[0].RootVersion(b.Id) > 0);
        for (var r = 1; r < 3; r++)
        {
            Assert.Equal(RecordingObserver.Parameters(replicas[0]), RecordingObserver.Parameters(replicas[r]));
            Assert.Empty(replicas[r].Optimizer.StateDict().State);
        }
    }

    [Fact]
    public void Two_replicas_on_half_batches_follow_the_single_replica_run_up_to_rounding()
    {
        var sync = new PreconditioningOptions { Mode = PreconditioningMode.Sync };
        var pair = new RecordingObserver();
        var single = new RecordingObserver();

        Run(TinyJob.Create(10, pair, sync, replicas: 2));
        Run(TinyJob.Create(10, single, sync));

        Assert.Equal(single.Steps.Select(r => (double)r.Result.Loss), pair.Steps.Select(r => (double)r.Result.Loss), new Tolerance(1e-5));
        Assert.Equal(single.ParametersAfterStep[^1].SelectMany(p => p).Select(v => (double)v),
            pair.ParametersAfterStep[^1].SelectMany(p => p).Select(v => (double)v), new Tolerance(1e-4));
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => System.Math.Abs(x - y) <= epsilon * System.Math.Max(1, System.Math.Abs(y));

        public int GetHashCode(double value) => 0;
    }

    [Fact]
    public void Checkpoints_fall_on_every_kth_step_and_the_completed_runs_last_step()
    {
        var observer = new RecordingObserver();

        Run(TinyJob.Create(11, observer, checkpointEvery: 4));

        Assert.Equal([4L, 8, 11], observer.Checkpoints.Select(c => c.Step));
        Assert.Equal(observer.ParametersAfterStep[7], observer.Checkpoints[1].Parameters);
    }

    [Fact]
    public void Stopping_ends_at_the_next_step_boundary_with_a_checkpoint_of_that_step()
    {
        var observer = new RecordingObserver();
        var job = Sys.ActorOf(JobActor.Props(TinyJob.Create(1000, observer, services: OneSecondSteps), new PreconditioningMetrics()));
        var finished = job.Ask<JobFinished>(StartTraining.Instance);
        Advance(TimeSpan.FromSeconds(3.5)); // steps 1–4 ran at t = 0, 1, 2, 3 s
        job.Tell(new StopTraining("stopped by the test"));

        var result = Result(finished);

        Assert.Equal(new JobFinished("interrupted", 4, "stopped by the test"), result);
        Assert.Equal(4, observer.Steps.Count);
        var checkpoint = observer.Checkpoints.Single();
        Assert.Equal(4L, checkpoint.Step);
        Assert.Equal(observer.ParametersAfterStep[^1], checkpoint.Parameters);
    }

    [Fact]
    public void Stopping_a_job_of_two_replicas_ends_at_the_leaders_boundary_with_the_followers_holding_the_same_parameters()
    {
        var replicas = new List<Replica>();
        var observer = new RecordingObserver();
        var job = Sys.ActorOf(JobActor.Props(TinyJob.Create(1000, observer, services: OneSecondSteps, replicas: 2, createReplica: rank =>
        {
            var replica = TinyJob.Replica(rank, 2, TinyJob.Shampoo());
            replicas.Add(replica);
            return replica;
        }), new PreconditioningMetrics()));
        var finished = job.Ask<JobFinished>(StartTraining.Instance);
        Advance(TimeSpan.FromSeconds(3.5));
        job.Tell(new StopTraining("stopped by the test"));

        var result = Result(finished);

        Assert.Equal(new JobFinished("interrupted", 4, "stopped by the test"), result);
        Assert.Equal(4L, observer.Checkpoints.Single().Step);
        Assert.Equal(RecordingObserver.Parameters(replicas[0]), RecordingObserver.Parameters(replicas[1]));
    }

    [Fact]
    public void A_job_that_starts_from_a_later_step_asks_at_once_for_the_roots_of_every_blocks_statistics()
    {
        var blocks = new Shampoo(new TinyWorkload().CreateModel(new Math.SplitMix64(0)).Parameters(), TinyJob.Shampoo()).Blocks.Count;
        var queued = new List<SnapshotQueued>();
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.TestActor, typeof(SnapshotQueued));
        var job = TinyJob.Create(7, new RecordingObserver(), options: TinyJob.Shampoo(preconditionEvery: 100), createReplica: rank =>
        {
            var replica = TinyJob.Replica(rank, 1, TinyJob.Shampoo(preconditionEvery: 100));
            for (var s = 0; s < 5; s++)
                replica.Trainer.RunStep(); // as if restored from a checkpoint of step 5
            return replica;
        });

        Assert.Equal("completed", Run(job).Outcome);

        var snapshots = probe.ReceiveN(blocks).Cast<SnapshotQueued>().ToArray();
        Assert.Equal(Enumerable.Range(0, blocks), snapshots.Select(s => s.Block).Order());
        Assert.All(snapshots, s => Assert.Equal(5, s.Version));
        probe.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_coordinated_shutdown_stops_training_with_a_checkpoint_before_the_system_terminates()
    {
        var observer = new RecordingObserver();
        var job = Sys.ActorOf(JobActor.Props(TinyJob.Create(1000, observer, services: OneSecondSteps), new PreconditioningMetrics()));
        var finished = job.Ask<JobFinished>(StartTraining.Instance);
        Advance(TimeSpan.FromSeconds(2.5));
        var shutdown = CoordinatedShutdown.Get(Sys).Run(CoordinatedShutdown.ProcessExitReason.Instance);

        var result = Result(finished);
        Result(shutdown);

        Assert.Equal(new JobFinished("interrupted", 3, "stopped by a coordinated shutdown"), result);
        Assert.Equal(3L, observer.Checkpoints.Single().Step);
    }

    private static TrainingServices OneSecondSteps => new() { SimulatedStepTime = TimeSpan.FromSeconds(1) };

    [Fact]
    public void A_loss_that_stops_being_finite_ends_the_run_as_diverged_without_a_checkpoint()
    {
        var observer = new RecordingObserver();
        var options = TinyJob.Shampoo() with { Lr = 1e30 };

        var result = Run(TinyJob.Create(50, observer, options: options, checkpointEvery: 1000));

        Assert.Equal("diverged", result.Outcome);
        Assert.False(float.IsFinite(observer.Steps[^1].Result.Loss));
        Assert.Equal(observer.Steps.Count, result.Steps);
        Assert.Empty(observer.Checkpoints);
    }

    [Fact]
    public void A_replica_that_cannot_be_built_fails_the_job_with_the_reason()
    {
        var job = TinyJob.Create(5, new RecordingObserver(), createReplica: _ => throw new InvalidOperationException("no device"));

        var result = Run(job);

        Assert.Equal("failed", result.Outcome);
        Assert.Contains("accelerator-0", result.Reason);
    }
}
