namespace ShampooActors.Actors.Kernel;

/// <summary>
/// Async handlers: while a handler's task is pending the mailbox takes no user messages, so handlers never interleave;
/// its continuations run on the actor's own turn (through a synchronization context that posts them to the mailbox),
/// with the message's sender restored. A restart or stop abandons the pending handler.
/// </summary>
internal sealed partial class ActorCell
{
    private int _incarnation;
    private ActorSynchronizationContext? _syncContext;

    /// <summary>Runs an async handler for the current message.</summary>
    public void RunAsync(Func<Task> handler)
    {
        var previous = SynchronizationContext.Current;
        var context = _syncContext ??= new ActorSynchronizationContext(this, _incarnation);
        SynchronizationContext.SetSynchronizationContext(context);
        Task task;
        try
        {
            task = handler();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult(); // a synchronous failure fails the message here
            return;
        }
        Mailbox.IsBlockedByAsync = true;
        task.ContinueWith(
            static (t, state) =>
            {
                var (cell, incarnation) = ((ActorCell, int))state!;
                cell.Mailbox.PostSystem(new AsyncHandlerCompleted(t, incarnation));
            },
            (this, _incarnation),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Posts a continuation of one of this actor's async handlers to its mailbox.</summary>
    internal void PostContinuation(SendOrPostCallback callback, object? state, int incarnation) =>
        Mailbox.PostSystem(new AsyncContinuation(callback, state, incarnation));

    private void RunContinuation(AsyncContinuation continuation)
    {
        if (continuation.Incarnation != _incarnation || _terminated)
            return;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void HandleAsyncCompleted(AsyncHandlerCompleted completed)
    {
        if (completed.Incarnation != _incarnation)
            return;
        Mailbox.IsBlockedByAsync = false;
        var failure = completed.Task.Exception?.InnerException
            ?? (completed.Task.IsCanceled ? new TaskCanceledException(completed.Task) : null);
        if (failure is not null)
            HandleInvokeFailure(failure);
        _current = default;
    }

    /// <summary>Abandons anything the previous instance left pending: its async handler and its continuations.</summary>
    private void BeginNewIncarnation()
    {
        _incarnation++;
        _syncContext = null;
        Mailbox.IsBlockedByAsync = false;
    }

    private sealed class ActorSynchronizationContext(ActorCell cell, int incarnation) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => cell.PostContinuation(d, state, incarnation);

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("an actor's context runs continuations on its own turn; Send would block it");

        public override SynchronizationContext CreateCopy() => this;
    }
}
