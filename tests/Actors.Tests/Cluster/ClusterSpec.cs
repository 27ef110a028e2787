using ShampooActors.Actors.Training;
using ShampooActors.Testing;

namespace ShampooActors.Actors.Tests.Cluster;

/// <summary>The base of the cluster specs: starting jobs and waiting for them to finish.</summary>
public abstract class ClusterSpec(TestKitMode mode = TestKitMode.VirtualTime) : TestKit(mode)
{
    /// <summary>Starts <paramref name="job"/> in an actor named <paramref name="name"/>; its <see cref="JobFinished"/> comes to the test actor.</summary>
    protected void Start(TrainingJob job, string name = "job") =>
        Sys.ActorOf(JobActor.Props(job, new PreconditioningMetrics()), name).Tell(StartTraining.Instance, TestActor);

    /// <summary>Runs <paramref name="job"/> to its end.</summary>
    protected JobFinished Run(TrainingJob job, string name = "job")
    {
        Start(job, name);
        return Finished();
    }

    /// <summary>The next job's end.</summary>
    protected JobFinished Finished() => ExpectMsg<JobFinished>(timeout: TimeSpan.FromSeconds(120));
}
