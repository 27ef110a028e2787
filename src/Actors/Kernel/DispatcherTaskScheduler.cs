namespace ShampooActors.Actors.Kernel;

/// <summary>
/// Runs task continuations of the kernel's own promises (Ask, GracefulStop) as work items of a dispatcher: never inline
/// in the turn that completed them, and in virtual time on the deterministic dispatcher like everything else.
/// </summary>
internal sealed class DispatcherTaskScheduler(MessageDispatcher dispatcher) : TaskScheduler
{
    protected override void QueueTask(Task task) => dispatcher.Execute(new TaskRun(this, task));

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task>? GetScheduledTasks() => null;

    private sealed class TaskRun(DispatcherTaskScheduler scheduler, Task task) : IRunnable
    {
        public void Run() => scheduler.TryExecuteTask(task);
    }
}
