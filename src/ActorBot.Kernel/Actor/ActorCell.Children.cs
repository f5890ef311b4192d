using Akka.Dispatch.SysMsg;

namespace Akka.Actor;

/// <summary>Children: creation with unique names, lookup, stop. The map is locked because a system's
/// top-level <c>ActorOf</c> runs on the caller's thread.</summary>
internal sealed partial class ActorCell
{
    private readonly Dictionary<string, ChildEntry> _children = new(StringComparer.Ordinal);
    private long _childNameCounter;

    public IActorRef ActorOf(Props props, string? name = null) => AttachChild(props, name).Self;

    internal ActorCell AttachChild(Props props, string? name)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null)
        {
            name = "$" + EncodeCounter(Interlocked.Increment(ref _childNameCounter));
        }
        else if (!ActorPath.IsValidPathElement(name))
        {
            throw new InvalidActorNameException(
                $"Invalid actor path element [{name}]: names must be non-empty, must not start with '$' and may contain "
                + $"only ASCII letters, digits and {ActorPath.ValidSymbols}.");
        }

        ActorCell child;
        lock (_children)
        {
            if (_children.ContainsKey(name))
            {
                throw new InvalidActorNameException($"Actor name [{name}] is not unique!");
            }

            var uid = Random.Shared.Next(1, int.MaxValue);
            child = new ActorCell(_system, props, this, new ChildActorPathImpl(_self.Path, name, uid));
            _children[name] = new ChildEntry(child);
        }

        child.SendSystemMessage(Create.Instance);
        if (MailboxClosed)
        {
            child.SendSystemMessage(Terminate.Instance);
        }

        return child;
    }

    public IActorRef Child(string name)
    {
        lock (_children)
        {
            return _children.TryGetValue(name, out var entry) && !entry.Stopping
                ? entry.Cell.Self
                : ActorRefs.Nobody;
        }
    }

    public IEnumerable<IActorRef> GetChildren()
    {
        lock (_children)
        {
            return _children.Values.Where(e => !e.Stopping).Select(e => e.Cell.Self).ToArray();
        }
    }

    /// <summary>Stops a child (its name stays taken until it terminated) or any other actor.</summary>
    public void Stop(IActorRef child)
    {
        var target = child.AsInternal();
        if (target is null)
        {
            return;
        }

        if (target is LocalActorRef local && ReferenceEquals(local.Cell._parent, this))
        {
            lock (_children)
            {
                if (_children.TryGetValue(local.Path.Name, out var entry) && ReferenceEquals(entry.Cell, local.Cell))
                {
                    entry.Stopping = true;
                }
            }
        }

        target.SendSystemMessage(Terminate.Instance);
    }

    private ChildEntry? FindChild(ActorRefBase child)
    {
        if (child is not LocalActorRef local)
        {
            return null;
        }

        lock (_children)
        {
            return _children.TryGetValue(local.Path.Name, out var entry) && ReferenceEquals(entry.Cell, local.Cell)
                ? entry
                : null;
        }
    }

    private ChildEntry[] ChildrenSnapshot()
    {
        lock (_children)
        {
            return _children.Values.ToArray();
        }
    }

    private void ForEachChild(Action<ActorCell> action)
    {
        foreach (var entry in ChildrenSnapshot())
        {
            action(entry.Cell);
        }
    }

    private bool HasChildren
    {
        get
        {
            lock (_children)
            {
                return _children.Count > 0;
            }
        }
    }

    private bool HasStoppingChildren
    {
        get
        {
            lock (_children)
            {
                foreach (var entry in _children.Values)
                {
                    if (entry.Stopping)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }

    private void HandleChildTerminated(ActorRefBase child)
    {
        if (child is LocalActorRef local)
        {
            lock (_children)
            {
                if (_children.TryGetValue(local.Path.Name, out var entry) && ReferenceEquals(entry.Cell, local.Cell))
                {
                    _children.Remove(local.Path.Name);
                }
            }
        }

        _system.OnChildTerminated(this, child);
        if (_terminating)
        {
            if (!HasChildren)
            {
                FinishTerminate();
            }
        }
        else if (_pendingRestart is not null && !HasStoppingChildren)
        {
            FinishRecreate();
        }
    }

    private static string EncodeCounter(long n)
    {
        const string Chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";
        Span<char> buffer = stackalloc char[12];
        var i = buffer.Length;
        do
        {
            buffer[--i] = Chars[(int)(n & 63)];
            n >>= 6;
        }
        while (n > 0);

        return new string(buffer[i..]);
    }

    /// <summary>A child and its restart budget.</summary>
    internal sealed class ChildEntry(ActorCell cell)
    {
        public ActorCell Cell { get; } = cell;

        public ChildRestartStats Stats { get; } = new();

        public bool Stopping { get; set; }
    }
}
