using ActorBot.Hocon.Parsing;

namespace ActorBot.Hocon.Values;

/// <summary>
/// An immutable, resolved HOCON object whose keys keep their definition order.
/// </summary>
public sealed class HoconObject : HoconValue, IReadOnlyDictionary<string, HoconValue>
{
    private readonly Dictionary<string, HoconValue> _fields;
    private readonly string[] _order;

    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, SourcePosition origin)
        : base(origin)
    {
        _fields = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (key, value) in fields)
        {
            if (!_fields.ContainsKey(key))
            {
                order.Add(key);
            }

            _fields[key] = value;
        }

        _order = order.ToArray();
    }

    /// <summary>Takes ownership of already de-duplicated fields (resolver fast path, no copies).</summary>
    internal HoconObject(Dictionary<string, HoconValue> fields, string[] order, SourcePosition origin)
        : base(origin)
    {
        _fields = fields;
        _order = order;
    }

    public static HoconObject Empty { get; } = new(Array.Empty<KeyValuePair<string, HoconValue>>(), SourcePosition.None);

    public override HoconValueType Type => HoconValueType.Object;

    public int Count => _order.Length;

    public IEnumerable<string> Keys => _order;

    public IEnumerable<HoconValue> Values => _order.Select(k => _fields[k]);

    public HoconValue this[string key] => _fields[key];

    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out HoconValue value) =>
        _fields.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, HoconValue>> GetEnumerator() =>
        _order.Select(k => new KeyValuePair<string, HoconValue>(k, _fields[k])).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The value at a path (already split into keys), or null when any step is missing.</summary>
    public HoconValue? Find(IReadOnlyList<string> path)
    {
        HoconValue current = this;
        foreach (var key in path)
        {
            if (current is not HoconObject obj || !obj._fields.TryGetValue(key, out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>The value at a HOCON path expression such as <c>akka.actor."my key".x</c>, or null.</summary>
    public HoconValue? Find(string path) => Find(HoconPath.Parse(path));

    /// <summary>
    /// HOCON merge: keys of this object win; where both sides hold objects they merge recursively;
    /// keys only in <paramref name="fallback"/> are added.
    /// </summary>
    public HoconObject WithFallback(HoconObject fallback)
    {
        if (fallback.Count == 0)
        {
            return this;
        }

        if (Count == 0)
        {
            return fallback;
        }

        return Merge(fallback, this);
    }

    /// <summary>Merges <paramref name="top"/> over <paramref name="below"/> (HOCON duplicate-key rule).</summary>
    internal static HoconObject Merge(HoconObject below, HoconObject top)
    {
        var result = new List<KeyValuePair<string, HoconValue>>(below.Count + top.Count);
        foreach (var key in below._order)
        {
            var value = below._fields[key];
            if (top._fields.TryGetValue(key, out var over))
            {
                value = value is HoconObject b && over is HoconObject t ? Merge(b, t) : over;
            }

            result.Add(new(key, value));
        }

        foreach (var key in top._order)
        {
            if (!below._fields.ContainsKey(key))
            {
                result.Add(new(key, top._fields[key]));
            }
        }

        return new HoconObject(result, top.Origin);
    }
}
