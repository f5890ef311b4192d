namespace ActorBot.Hocon.Values;

/// <summary>Kinds of resolved HOCON values.</summary>
public enum HoconValueType
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>
/// A fully resolved, immutable HOCON value (no substitutions left). Resolved values may be shared
/// between several places of a tree, which is safe because they never change.
/// </summary>
public abstract class HoconValue
{
    protected HoconValue(SourcePosition origin)
    {
        Origin = origin;
    }

    /// <summary>Where the value was defined (for error messages).</summary>
    public SourcePosition Origin { get; }

    public abstract HoconValueType Type { get; }
}
