namespace ActorBot.Domain.Liquidations.Api;

/// <summary>
/// The last <see cref="Capacity"/> liquidations of one symbol, in arrival order, for <c>/liq_events</c> (moonstream
/// SPEC §11.3: 12,000 per symbol, lost on restart).
/// </summary>
public sealed class LiquidationEventBuffer
{
    public const int DefaultCapacity = 12_000;

    private readonly Queue<LiquidationEvent> _events = new();

    public LiquidationEventBuffer(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _events.Count;

    public void Add(LiquidationEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _events.Enqueue(e);
        while (_events.Count > Capacity)
        {
            _events.Dequeue();
        }
    }

    /// <summary>Events with <c>ts &gt; sinceTsMs</c>, then the last <paramref name="limit"/> of them, oldest first.</summary>
    public IReadOnlyList<LiquidationEvent> Query(long sinceTsMs, int limit)
    {
        var kept = _events.Where(e => e.TimestampMs > sinceTsMs).ToList();
        return limit <= 0 ? [] : kept.Count <= limit ? kept : kept.GetRange(kept.Count - limit, limit);
    }
}
