namespace Akka.Actor;

/// <summary>
/// Immutable, hierarchical name of an actor: <c>akka://system/user/bot/risk</c>.
/// Two concrete kinds exist (internal): the root of a system and a child element under a parent.
/// </summary>
public abstract class ActorPath : IComparable<ActorPath>, IEquatable<ActorPath>
{
    public const string ValidSymbols = "\"-_.*$+:@&=,!~';()";

    private readonly ActorPath? _parent;
    private string? _toString;

    protected ActorPath(Address address, string name)
    {
        Address = address;
        Name = name;
        Depth = 0;
    }

    protected ActorPath(ActorPath parentPath, string name, long uid)
    {
        _parent = parentPath;
        Address = parentPath.Address;
        Name = name;
        Uid = uid;
        Depth = parentPath.Depth + 1;
    }

    public Address Address { get; }

    public int Depth { get; }

    public string Name { get; }

    public long Uid { get; }

    /// <summary>The parent path; the root is its own parent (as in Akka.NET).</summary>
    public ActorPath Parent => _parent ?? this;

    public ActorPath Root => _parent is null ? this : _parent.Root;

    /// <summary>Path elements below the root, e.g. <c>["user", "bot", "risk"]</c>.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new string[Depth];
            var current = this;
            for (var i = Depth - 1; i >= 0; i--)
            {
                elements[i] = current.Name;
                current = current.Parent;
            }

            return elements;
        }
    }

    public ActorPath Child(string childName) => new ChildActorPathImpl(this, childName, 0);

    public static bool IsValidPathElement(string s)
    {
        if (string.IsNullOrEmpty(s) || s[0] == '$')
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || ValidSymbols.Contains(c)))
            {
                return false;
            }
        }

        return true;
    }

    public int CompareTo(ActorPath? other) =>
        other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || Depth != other.Depth)
        {
            return false;
        }

        ActorPath a = this;
        var b = other;
        while (true)
        {
            if (a.Name != b.Name)
            {
                return false;
            }

            if (a.Depth == 0)
            {
                return a.Address == b.Address;
            }

            a = a.Parent;
            b = b.Parent;
        }
    }

    public override bool Equals(object? obj) => obj is ActorPath p && Equals(p);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public override string ToString()
    {
        if (_toString is not null)
        {
            return _toString;
        }

        _toString = _parent is null
            ? Address + "/"
            : _parent.Depth == 0 ? _parent.ToString() + Name : _parent.ToString() + "/" + Name;
        return _toString;
    }

    public string ToStringWithoutAddress()
    {
        var full = ToString();
        var root = Root.ToString();
        return "/" + full[root.Length..];
    }

    public static ActorPath operator /(ActorPath path, string name) => path.Child(name);

    public static bool operator ==(ActorPath? left, ActorPath? right) => Equals(left, right);

    public static bool operator !=(ActorPath? left, ActorPath? right) => !Equals(left, right);
}

/// <summary>The root element of a system's path tree (<c>akka://name/</c>).</summary>
internal sealed class RootActorPathImpl : ActorPath
{
    public RootActorPathImpl(Address address)
        : base(address, "")
    {
    }
}

/// <summary>A named element under a parent path.</summary>
internal sealed class ChildActorPathImpl : ActorPath
{
    public ChildActorPathImpl(ActorPath parent, string name, long uid)
        : base(parent, name, uid)
    {
    }
}
