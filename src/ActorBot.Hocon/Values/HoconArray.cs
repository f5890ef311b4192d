namespace ActorBot.Hocon.Values;

/// <summary>An immutable, resolved HOCON array.</summary>
public sealed class HoconArray : HoconValue, IReadOnlyList<HoconValue>
{
    private readonly HoconValue[] _items;

    public HoconArray(IEnumerable<HoconValue> items, SourcePosition origin)
        : base(origin)
    {
        _items = items.ToArray();
    }

    /// <summary>Takes ownership of <paramref name="items"/> (resolver fast path, no copy).</summary>
    internal HoconArray(HoconValue[] items, SourcePosition origin)
        : base(origin)
    {
        _items = items;
    }

    public override HoconValueType Type => HoconValueType.Array;

    public int Count => _items.Length;

    public HoconValue this[int index] => _items[index];

    public IEnumerator<HoconValue> GetEnumerator() => ((IEnumerable<HoconValue>)_items).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
