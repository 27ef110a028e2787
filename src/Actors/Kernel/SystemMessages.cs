namespace ShampooActors.Actors.Kernel;

/// <summary>Messages of the kernel to a cell; processed before user messages, unordered relative to them.</summary>
internal abstract record SystemMessage;

internal sealed record Create : SystemMessage
{
    public static readonly Create Instance = new();
}

internal sealed record Recreate(Exception Cause) : SystemMessage;

internal sealed record Suspend : SystemMessage
{
    public static readonly Suspend Instance = new();
}

internal sealed record Resume(Exception? CausedByFailure) : SystemMessage;

internal sealed record Terminate : SystemMessage
{
    public static readonly Terminate Instance = new();
}

internal sealed record Watch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;

internal sealed record Unwatch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;

/// <summary>Told by a terminated actor to its watchers and its parent.</summary>
internal sealed record DeathWatchNotification(IInternalActorRef Actor, bool ExistenceConfirmed) : SystemMessage;

/// <summary>A child reports a failure to its parent.</summary>
internal sealed record Failed(IInternalActorRef Child, Exception Cause) : SystemMessage;

/// <summary>A continuation of an async handler, run on the actor's mailbox as if it were a message.</summary>
internal sealed record AsyncContinuation(SendOrPostCallback Callback, object? State, int Incarnation) : SystemMessage;

/// <summary>An async handler's task has ended; the mailbox resumes or the failure is handled.</summary>
internal sealed record AsyncHandlerCompleted(Task Task, int Incarnation) : SystemMessage;
