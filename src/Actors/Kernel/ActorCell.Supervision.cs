namespace ShampooActors.Actors.Kernel;

/// <summary>
/// Failure: the failing actor suspends itself and its children and reports <see cref="Failed"/> to its parent, whose
/// supervisor strategy answers with a directive. The failing message is dropped.
/// </summary>
internal sealed partial class ActorCell
{
    private bool _failed;
    private IInternalActorRef? _perpetrator; // the child whose failure this actor escalated as its own
    private SupervisorStrategy? _strategy;

    /// <summary>The instance's strategy, asked once per instance; the default while there is none (not cached then).</summary>
    private SupervisorStrategy Strategy =>
        _strategy ?? (_actor is null ? SupervisorStrategy.DefaultStrategy : _strategy = StrategyOf(_actor));

    private SupervisorStrategy StrategyOf(ActorBase actor)
    {
        try
        {
            return actor.SupervisorStrategyInternal();
        }
        catch (Exception e)
        {
            System.Log.Error(e, Self.Path.ToString(), $"SupervisorStrategy() of {Self.Path} failed ({e.Message}); the default strategy applies");
            return SupervisorStrategy.DefaultStrategy;
        }
    }

    /// <summary>
    /// Reports a failure to the parent. A child whose failure is escalated (<paramref name="escalatedBy"/>) is already
    /// suspended by its own failure and is not suspended again; neither are <paramref name="notToSuspend"/>.
    /// </summary>
    private void HandleInvokeFailure(Exception cause, IInternalActorRef? escalatedBy = null,
        IReadOnlyCollection<IInternalActorRef>? notToSuspend = null)
    {
        if (_terminating)
        {
            System.Log.Error(cause, Self.Path.ToString(), $"{Self.Path} failed while stopping: {cause.Message}");
            return;
        }
        if (_failed)
            return;
        _failed = true;
        _perpetrator = escalatedBy;
        _failedMessage = _current.Message;
        Mailbox.SuspendUser();
        SuspendChildren(escalatedBy is null ? notToSuspend : [escalatedBy, .. notToSuspend ?? []]);
        Parent.SendSystemMessage(new Failed(Self, cause));
    }

    private void ClearFailed()
    {
        _failed = false;
        _perpetrator = null;
        _failedMessage = null;
    }

    private void HandleSuspend()
    {
        Mailbox.SuspendUser();
        SuspendChildren();
    }

    /// <summary>
    /// Resumes this actor and its children; after a failure (<paramref name="causedByFailure"/>) the child whose failure
    /// was escalated is resumed from its failure too.
    /// </summary>
    private void HandleResume(Exception? causedByFailure)
    {
        if (causedByFailure is not null && _actor is null && _pendingRecreate is null && !_terminating)
        {
            // There is no instance to resume (its creation failed): resuming means creating it, as in Akka.
            HandleRecreate(causedByFailure);
            return;
        }
        var perpetrator = _perpetrator;
        if (causedByFailure is not null)
            ClearFailed();
        Mailbox.ResumeUser();
        ResumeChildren(causedByFailure, perpetrator);
    }

    private void HandleFailed(Failed failed)
    {
        if (!TryGetChildStats(failed.Child, out var stats) || IsStopping(failed.Child))
            return; // a stale report from a child already on its way out
        var strategy = Strategy;
        var directive = strategy.Decide(failed.Cause);
        strategy.LogFailure(System, failed.Child, failed.Cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                failed.Child.SendSystemMessage(new Resume(failed.Cause));
                break;
            case Directive.Restart:
                strategy.ProcessRestart(this, stats, failed.Cause, ChildStatsSnapshot());
                break;
            case Directive.Stop:
                strategy.ProcessStop(this, stats, ChildStatsSnapshot());
                break;
            case Directive.Escalate:
                _current = default;
                HandleInvokeFailure(failed.Cause, escalatedBy: failed.Child);
                break;
        }
    }

    /// <summary>Restarts a child; unless it already failed, it is suspended first so it stops at a message boundary.</summary>
    internal void RestartChild(IInternalActorRef child, Exception cause, bool suspendFirst)
    {
        if (suspendFirst)
            child.SendSystemMessage(Suspend.Instance);
        child.SendSystemMessage(new Recreate(cause));
    }
}
