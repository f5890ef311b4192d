using ActorBot.Domain.Bars;

namespace ActorBot.Domain.Barriers;

/// <summary>
/// The time barrier alone, for trades whose price barriers (SL, TP) the venue holds as exchange-hosted brackets: the
/// paper path's horizon rule — the bars of the causal path (<see cref="SnapTradeBook.IsOnPath"/>) counted until
/// <see cref="BarrierGeometry.HorizonReached"/> — without the price checks, which would close on bar OHLC what the
/// venue closes on its own prices. Each trade is reported due once, on the bar that reaches its horizon; re-asking
/// for a close that went unanswered is the caller's job (a timeout, not a bar). Like the paper book, it keeps no
/// journal: a trade tracked again after a restart counts its path from the next bar.
/// </summary>
public sealed class HorizonWatch
{
    private readonly BarrierGeometry _geometry;
    private readonly Dictionary<string, Watched> _trades = new(StringComparer.Ordinal);

    public HorizonWatch(BarrierGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        _geometry = geometry.Validate();
    }

    /// <summary>Trades tracked (open, due or not).</summary>
    public int Count => _trades.Count;

    /// <summary>Starts watching a trade decided at <paramref name="decisionTimeMs"/>; a trade already watched is left as it is.</summary>
    public void Track(string eventId, long decisionTimeMs) => _trades.TryAdd(eventId, new Watched(decisionTimeMs));

    /// <summary>The trade closed (by whatever exit): stop watching it. False if it was not watched.</summary>
    public bool Forget(string eventId) => _trades.Remove(eventId);

    /// <summary>Feeds a closed bar; returns the trades whose horizon this bar reached (each trade once, ever).</summary>
    public IReadOnlyList<string> OnBar(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        List<string>? due = null;
        foreach (var (eventId, w) in _trades)
        {
            if (w.Due || !SnapTradeBook.IsOnPath(bar, w.DecisionTimeMs))
            {
                continue;
            }

            w.Bars++;
            if (_geometry.HorizonReached(w.Bars))
            {
                w.Due = true;
                (due ??= []).Add(eventId);
            }
        }

        return due ?? (IReadOnlyList<string>)[];
    }

    private sealed class Watched(long decisionTimeMs)
    {
        public long DecisionTimeMs { get; } = decisionTimeMs;

        public int Bars { get; set; }

        public bool Due { get; set; }
    }
}
