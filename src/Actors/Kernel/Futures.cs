namespace ShampooActors.Actors.Kernel;

/// <summary><c>Ask</c>, <c>PipeTo</c> and <c>GracefulStop</c>: bridges between actors and tasks.</summary>
public static class Futures
{
    /// <summary>
    /// How the results of Ask and GracefulStop are made on the dispatcher: hiding its task scheduler, so that code awaiting
    /// them (with <c>ConfigureAwait(false)</c> or no context) continues inline, as after any completed task, instead of
    /// being sent to the thread pool (which, in virtual time, would run it outside the deterministic run).
    /// </summary>
    private const TaskContinuationOptions ContinueOnDispatcher = TaskContinuationOptions.HideScheduler;

    /// <summary>
    /// Tells <paramref name="message"/> with a temporary sender and completes with the first reply: a
    /// <typeparamref name="T"/>, or an <see cref="AskTimeoutException"/> once <paramref name="timeout"/> (default
    /// <c>actors.ask-timeout</c>) has passed on the system's clock. A <see cref="Status.Failure"/> reply faults the task
    /// with its cause; a reply of another type faults it with <see cref="InvalidCastException"/>.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var system = SystemOf(receiver);
        var limit = timeout ?? system.Settings.AskTimeout;
        if (limit <= TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, "an ask timeout must be positive or infinite");
        var promise = new PromiseActorRef(system, limit,
            () => new AskTimeoutException($"Ask of {receiver.Path} timed out after {limit} ({message.GetType().Name})"),
            cancellationToken);
        receiver.Tell(message, promise);
        var result = new TaskCompletionSource<T>();
        promise.Result.ContinueWith(t =>
        {
            if (t.IsCanceled)
            {
                result.TrySetCanceled(cancellationToken);
                return;
            }
            try
            {
                result.TrySetResult(t.GetAwaiter().GetResult() switch
                {
                    T typed => typed,
                    Status.Failure failure => throw failure.Cause,
                    Status.Success { Status: T typed } => typed,
                    var reply => throw new InvalidCastException(
                        $"Ask of {receiver.Path} expected a reply of type {typeof(T).Name} but received {reply.GetType().Name}"),
                });
            }
            catch (Exception e)
            {
                result.TrySetException(e);
            }
        }, CancellationToken.None, ContinueOnDispatcher, system.TaskScheduler);
        return result.Task;
    }

    /// <summary>Like <see cref="Ask{T}"/> for any reply type.</summary>
    public static Task<object> Ask(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        receiver.Ask<object>(message, timeout, cancellationToken);

    /// <summary>
    /// When <paramref name="task"/> completes, tells its result to <paramref name="recipient"/> (mapped by
    /// <paramref name="success"/>, if given), or <see cref="Status.Failure"/> with its exception (mapped by <paramref name="failure"/>).
    /// </summary>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
                recipient.Tell(success is null ? t.Result! : success(t.Result), sender);
            else
            {
                var cause = t.Exception?.InnerException ?? new TaskCanceledException(t);
                recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Like <see cref="PipeTo{T}(Task{T}, IActorRef, IActorRef?, Func{T, object}?, Func{Exception, object}?)"/> for a task
    /// without a result: success tells <paramref name="success"/>'s message, or nothing without one (as in Akka).
    /// </summary>
    public static Task PipeTo(this Task task, IActorRef recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                if (success is not null)
                    recipient.Tell(success(), sender);
                return;
            }
            var cause = t.Exception?.InnerException ?? new TaskCanceledException(t);
            recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Stops <paramref name="target"/> by telling it <paramref name="stopMessage"/> (default <see cref="PoisonPill"/>) and
    /// completes with true once it has terminated (also if it already had); faults with <see cref="AskTimeoutException"/>
    /// when <paramref name="timeout"/> passes first (as in Akka).
    /// </summary>
    public static Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout, object? stopMessage = null)
    {
        if (target is not IInternalActorRef internalTarget)
            throw new ArgumentException($"{target} is not an actor of this process", nameof(target));
        var promise = new PromiseActorRef(internalTarget.System, timeout,
            () => new AskTimeoutException($"{target.Path} did not stop within {timeout}"), CancellationToken.None);
        internalTarget.SendSystemMessage(new Watch(internalTarget, promise));
        target.Tell(stopMessage ?? PoisonPill.Instance, ActorRefs.NoSender);
        return promise.Result.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
                return t.Result is Terminated;
            internalTarget.SendSystemMessage(new Unwatch(internalTarget, promise));
            return t.GetAwaiter().GetResult() is Terminated; // rethrows the timeout
        }, CancellationToken.None, ContinueOnDispatcher, internalTarget.System.TaskScheduler);
    }

    private static ActorSystem SystemOf(IActorRef receiver) => receiver switch
    {
        IInternalActorRef internalRef => internalRef.System,
        _ => ActorCell.Current?.System
            ?? throw new ArgumentException($"{receiver} belongs to no actor system; Ask needs one for its timeout", nameof(receiver)),
    };
}
