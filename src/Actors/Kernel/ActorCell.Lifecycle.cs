namespace ShampooActors.Actors.Kernel;

internal sealed partial class ActorCell
{
    [ThreadStatic] private static ActorCell? t_constructing;

    private Exception? _pendingRecreate; // a restart waiting for its stopped children
    private bool _pendingRecreateHadInstance;
    private object? _failedMessage;

    /// <summary>The cell whose actor is being constructed on this thread; read by <see cref="ActorBase"/>'s constructor.</summary>
    public static ActorCell? Constructing => t_constructing;

    private void HandleCreate()
    {
        try
        {
            _actor = NewActor();
            _actor.AroundPreStart();
        }
        catch (Exception e) when (e is not ActorInitializationException)
        {
            _actor = null; // an instance that never started gets no PostStop
            throw new ActorInitializationException(Self, $"{Self.Path} failed to start: {e.Message}", e);
        }
    }

    private ActorBase NewActor()
    {
        var previous = t_constructing;
        t_constructing = this;
        try
        {
            var actor = Props.NewActor();
            if (actor is IWithStash withStash)
                withStash.Stash = Stash;
            if (actor is IWithTimers withTimers)
                withTimers.Timers = Timers;
            return actor;
        }
        finally
        {
            t_constructing = previous;
        }
    }

    /// <summary>
    /// The restart sequence: cancel timers, put the stash back in the mailbox, run the old instance's PreRestart (which
    /// by default stops the children), wait for the stopped children, then create the new instance and run PostRestart.
    /// The mailbox keeps its messages; the one that failed is not retried. When the first creation failed there is no
    /// old instance: the children its constructor made are stopped and the new instance starts with PreStart.
    /// </summary>
    private void HandleRecreate(Exception cause)
    {
        if (_terminating)
            return;
        if (_pendingRecreate is not null)
        {
            // A restart is already under way (two failures of an all-for-one group): it serves this request too. The
            // suspension that came with this request is undone here, for the kept children as well.
            Mailbox.ResumeUser();
            ResumeChildren();
            return;
        }
        var failed = _actor;
        _timers?.CancelAll();
        _stash?.UnstashAll();
        BeginNewIncarnation();
        if (failed is not null)
        {
            // Until the new instance exists, children that fail are still supervised by the old one's strategy.
            _strategy = StrategyOf(failed);
            try
            {
                failed.AroundPreRestart(cause, _failedMessage);
            }
            catch (Exception e)
            {
                System.Log.Error(e, Self.Path.ToString(), $"PreRestart of {Self.Path} failed: {e.Message}");
            }
        }
        else
        {
            foreach (var child in ChildrenSnapshot())
                Stop(child);
        }
        _actor = null;
        _current = default;
        _pendingRecreate = cause;
        _pendingRecreateHadInstance = failed is not null;
        if (!HasStoppingChildren)
            FinishRecreate();
    }

    private void FinishRecreate()
    {
        var cause = _pendingRecreate!;
        var hadInstance = _pendingRecreateHadInstance;
        _pendingRecreate = null;
        var survivors = ChildrenSnapshot();
        // Cleared before the new instance is made, so that its failure is reported like any other instead of being
        // taken for the failure already being handled.
        ClearFailed();
        Mailbox.ResumeUser();
        _strategy = null;
        try
        {
            _actor = NewActor();
            if (hadInstance)
                _actor.AroundPostRestart(cause);
            else
                _actor.AroundPreStart();
        }
        catch (Exception e)
        {
            _actor = null;
            // The survivors are still suspended by the failure that caused this restart.
            HandleInvokeFailure(new ActorInitializationException(Self, $"{Self.Path} failed to restart: {e.Message}", e),
                notToSuspend: survivors);
            return;
        }
        foreach (var child in survivors)
            child.SendSystemMessage(new Recreate(cause));
    }

    /// <summary>
    /// Stopping: user messages stop being processed, timers and watches are cancelled, the children are stopped, and once
    /// the last child has terminated PostStop runs, the mailbox's messages go to dead letters and watchers are told.
    /// </summary>
    private void HandleTerminate()
    {
        if (_terminating)
            return;
        _terminating = true;
        Mailbox.SuspendUser();
        _timers?.CancelAll();
        UnwatchWatchedActors();
        foreach (var child in ChildrenSnapshot())
            Stop(child);
        if (!HasChildren)
            FinishTerminate();
    }

    private void FinishTerminate()
    {
        if (_terminated)
            return;
        var actor = _actor;
        _actor = null;
        _strategy = null;
        try
        {
            actor?.AroundPostStop();
        }
        catch (Exception e)
        {
            System.Log.Error(e, Self.Path.ToString(), $"PostStop of {Self.Path} failed: {e.Message}");
        }
        finally
        {
            _terminated = true;
            System.EventStream.SubscriberTerminated(Self);
            _stash?.Clear();
            Mailbox.Close();
            TellWatchersWeDied();
        }
    }
}
