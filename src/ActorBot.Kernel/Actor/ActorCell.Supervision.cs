using Akka.Dispatch.SysMsg;

namespace Akka.Actor;

/// <summary>
/// Failure handling. A failing actor suspends itself and its children and reports <see cref="Failed"/>
/// to its parent; the failing message is dropped. The parent's strategy decides: Resume, Restart (old
/// instance's PreRestart, wait for stopped children, new instance from Props, PostRestart; the mailbox
/// survives), Stop, or Escalate (the parent fails with the same exception).
/// </summary>
internal sealed partial class ActorCell
{
    private void HandleInvokeFailure(Exception cause)
    {
        if (_terminating)
        {
            _system.LogError(cause, $"Exception in {_self} while it was stopping; ignored.");
            return;
        }

        if (_faulted)
        {
            _system.LogError(cause, $"Exception in {_self} while it was already failed; ignored.");
            return;
        }

        _faulted = true;
        _failureCause = cause;
        ForEachChild(static child => child.SendSystemMessage(Dispatch.SysMsg.Suspend.Instance));
        if (_parent is null)
        {
            _system.LogError(cause, $"Root guardian failed; terminating the actor system.");
            _faulted = false;
            HandleTerminate();
            return;
        }

        _parent.SendSystemMessage(new Failed(_self, cause, _self.Path.Uid));
    }

    private void HandleFailed(Failed failed)
    {
        var entry = FindChild(failed.Child);
        if (entry is null || entry.Stopping || _terminating)
        {
            return;
        }

        var strategy = _actor?.ResolveSupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;
        Directive directive;
        try
        {
            directive = strategy.Decider.Decide(failed.Cause);
        }
        catch (Exception ex)
        {
            _system.LogError(ex, $"Supervisor strategy decider of {_self} threw; escalating.");
            directive = Directive.Escalate;
        }

        if (strategy.IsLoggingEnabled && directive != Directive.Escalate)
        {
            var text = $"{failed.Child}: {failed.Cause.Message} (directive {directive})";
            if (directive == Directive.Resume)
            {
                _system.LogWarning(failed.Cause, text);
            }
            else
            {
                _system.LogError(failed.Cause, text);
            }
        }

        var targets = strategy.AppliesToAllChildren
            ? ChildrenSnapshot().Where(e => !e.Stopping).ToArray()
            : [entry];
        switch (directive)
        {
            case Directive.Resume:
                entry.Cell.SendSystemMessage(new Resume(failed.Cause));
                break;
            case Directive.Restart:
                var now = _system.Scheduler.MonotonicClock;
                var permitted = targets.All(e =>
                    e.Stats.RequestRestartPermission(strategy.MaxRetries, strategy.WithinTimeMilliseconds, now));
                foreach (var target in targets)
                {
                    if (permitted)
                    {
                        target.Cell.SendSystemMessage(new Recreate(failed.Cause));
                    }
                    else
                    {
                        Stop(target.Cell.Self);
                    }
                }

                break;
            case Directive.Stop:
                foreach (var target in targets)
                {
                    Stop(target.Cell.Self);
                }

                break;
            default:
                HandleInvokeFailure(failed.Cause);
                break;
        }
    }

    private void HandleResume(Resume resume)
    {
        if (resume.CausedByFailure is not null)
        {
            if (_faulted)
            {
                _faulted = false;
                _failureCause = null;
                ForEachChild(static child => child.SendSystemMessage(new Resume(null)));
            }

            return;
        }

        if (_suspendCount > 0)
        {
            _suspendCount--;
            ForEachChild(static child => child.SendSystemMessage(new Resume(null)));
        }
    }

    private void FaultRecreate(Exception cause)
    {
        if (_terminating || _pendingRestart is not null)
        {
            return;
        }

        var failedActor = _actor;
        if (failedActor is not null)
        {
            try
            {
                failedActor.AroundPreRestart(cause, _currentEnvelope.Message);
            }
            catch (Exception ex)
            {
                _system.LogError(ex, $"PreRestart of {_self} threw; continuing the restart.");
            }

            ClearActorResources(failedActor);
            if (failedActor is IActorStash { Stash: UnboundedStash stash })
            {
                stash.UnstashAll();
            }
        }

        CancelReceiveTimeout();
        _receiveTimeout = null;
        _awaitingAsync = false;
        _actor = null;
        _behaviors.Clear();
        _pendingRestart = cause;
        if (!HasStoppingChildren)
        {
            FinishRecreate();
        }
    }

    private void FinishRecreate()
    {
        var cause = _pendingRestart!;
        _pendingRestart = null;
        _faulted = false;
        _failureCause = null;
        _currentEnvelope = default;
        try
        {
            _actor = NewActor();
            _actor.AroundPostRestart(cause, null!);
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex as ActorInitializationException
                ?? new ActorInitializationException(_self, $"Exception during restart of {_self}", ex));
            return;
        }

        ForEachChild(static child => child.SendSystemMessage(new Resume(null)));
    }

    /// <summary>Timers die with the incarnation.</summary>
    private static void ClearActorResources(ActorBase actor)
    {
        if (actor is IWithTimers { Timers: TimerScheduler timers })
        {
            timers.CancelAll();
        }
    }
}
