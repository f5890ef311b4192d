using Akka.Dispatch.SysMsg;

namespace Akka.Actor;

/// <summary>
/// DeathWatch and stopping. <c>Watch</c> on an actor that is already dead yields <see cref="Terminated"/>
/// at once (the dead cell answers the watch); <c>Unwatch</c> also drops a Terminated already queued.
/// Stopping stops the children first, then runs PostStop, turns the rest of the mailbox into dead
/// letters and notifies watchers and the parent.
/// </summary>
internal sealed partial class ActorCell
{
    private Dictionary<ActorRefBase, object?>? _watching;
    private HashSet<ActorRefBase>? _watchedBy;
    private HashSet<ActorRefBase>? _terminatedQueued;

    public IActorRef Watch(IActorRef subject) => WatchInternal(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchInternal(subject, message);
    }

    private IActorRef WatchInternal(IActorRef subject, object? customMessage)
    {
        var target = subject.AsInternal() ?? throw new ArgumentException($"Cannot watch {subject}: not an actor reference.", nameof(subject));
        if (ReferenceEquals(target, _self))
        {
            return subject;
        }

        _watching ??= new Dictionary<ActorRefBase, object?>();
        if (!_watching.ContainsKey(target))
        {
            _watching[target] = customMessage;
            target.SendSystemMessage(new Watch(target, _self));
        }
        else
        {
            _watching[target] = customMessage;
        }

        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        var target = subject.AsInternal();
        if (target is null || ReferenceEquals(target, _self))
        {
            return subject;
        }

        if (_watching is not null && _watching.Remove(target))
        {
            target.SendSystemMessage(new Unwatch(target, _self));
        }

        _terminatedQueued?.Remove(target);
        return subject;
    }

    private void AddWatcher(Watch watch)
    {
        if (!ReferenceEquals(watch.Watchee, _self) || ReferenceEquals(watch.Watcher, _self))
        {
            return;
        }

        (_watchedBy ??= new HashSet<ActorRefBase>()).Add(watch.Watcher);
    }

    private void RemoveWatcher(Unwatch unwatch) => _watchedBy?.Remove(unwatch.Watcher);

    private void WatchedActorTerminated(ActorRefBase actor)
    {
        if (_watching is null || !_watching.Remove(actor, out var customMessage) || _terminating)
        {
            return;
        }

        if (customMessage is not null)
        {
            Post(new Envelope(customMessage, actor));
            return;
        }

        (_terminatedQueued ??= new HashSet<ActorRefBase>()).Add(actor);
        Post(new Envelope(new Terminated(actor, existenceConfirmed: true, addressTerminated: false), actor));
    }

    /// <summary>Begins stopping: no more user messages; children stop first.</summary>
    private void HandleTerminate()
    {
        if (_terminating)
        {
            return;
        }

        _terminating = true;
        CancelReceiveTimeout();
        if (_watching is not null)
        {
            foreach (var watched in _watching.Keys)
            {
                watched.SendSystemMessage(new Unwatch(watched, _self));
            }

            _watching.Clear();
        }

        var children = ChildrenSnapshot();
        if (children.Length == 0)
        {
            FinishTerminate();
            return;
        }

        foreach (var child in children)
        {
            lock (_children)
            {
                child.Stopping = true;
            }

            child.Cell.SendSystemMessage(Terminate.Instance);
        }
    }

    private void FinishTerminate()
    {
        if (MailboxClosed)
        {
            return;
        }

        var actor = _actor;
        if (actor is not null)
        {
            try
            {
                actor.AroundPostStop();
            }
            catch (Exception ex)
            {
                _system.LogError(ex, $"PostStop of {_self} threw.");
            }

            ClearActorResources(actor);
            if (actor is IActorStash { Stash: UnboundedStash stash })
            {
                foreach (var envelope in stash.ClearStash())
                {
                    _system.PublishDeadLetter(envelope.Message, envelope.Sender, _self);
                }
            }
        }

        _actor = null;
        _behaviors.Clear();
        _system.EventStream.Unsubscribe(_self);
        Interlocked.Exchange(ref _status.Closed, 1);
        while (_prepended.Count > 0)
        {
            var envelope = _prepended.First!.Value;
            _prepended.RemoveFirst();
            _system.PublishDeadLetter(envelope.Message, envelope.Sender, _self);
        }

        DrainUserQueueToDeadLetters();
        DrainSystemQueueAsDead();
        if (_watchedBy is not null)
        {
            foreach (var watcher in _watchedBy)
            {
                watcher.SendSystemMessage(new DeathWatchNotification(_self, existenceConfirmed: true));
            }

            _watchedBy.Clear();
        }

        if (_parent is not null)
        {
            _parent.SendSystemMessage(new ChildTerminated(_self));
        }
        else
        {
            _system.OnRootTerminated();
        }
    }
}
