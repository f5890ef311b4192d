using ActorBot.Domain.Bars;

namespace ActorBot.Domain.Barriers;

/// <summary>A trade the book holds: what opened it and its state machine.</summary>
public sealed record OpenSnapTrade(string EventId, long DecisionTimeMs, BarrierTrade Trade);

/// <summary>A closed trade.</summary>
public sealed record ClosedSnapTrade(string EventId, long DecisionTimeMs, int Side, double Entry, TradeOutcome Outcome);

/// <summary>
/// Holds the open barrier trades of one symbol under the causal rule: a trade opened at a bar's close
/// sees barriers from the next bar on. <see cref="MaxConcurrent"/> = 1 (live default: one position per
/// symbol) skips signals while a trade is open and counts them; a large value evaluates every event
/// independently, as the research's label simulation does.
/// </summary>
public sealed class SnapTradeBook
{
    private readonly BarrierGeometry _geometry;
    private readonly List<OpenSnapTrade> _open = new();

    public SnapTradeBook(BarrierGeometry geometry, int maxConcurrent = 1)
    {
        if (maxConcurrent < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConcurrent), $"max_concurrent_trades {maxConcurrent} must be at least 1.");
        }

        _geometry = geometry.Validate();
        MaxConcurrent = maxConcurrent;
    }

    public int MaxConcurrent { get; }

    public IReadOnlyList<OpenSnapTrade> Open => _open;

    public long SkippedBecauseFull { get; private set; }

    /// <summary>Opens a trade at <paramref name="fillPrice"/> (the event close in replay/paper, the fill live).</summary>
    public OpenSnapTrade? TryOpen(string eventId, long decisionTimeMs, int side, double fillPrice, double atr)
    {
        if (_open.Count >= MaxConcurrent)
        {
            SkippedBecauseFull++;
            return null;
        }

        var trade = new OpenSnapTrade(eventId, decisionTimeMs, new BarrierTrade(side, fillPrice, atr, _geometry));
        _open.Add(trade);
        return trade;
    }

    /// <summary>
    /// The causal rule: a trade decided at <paramref name="decisionTimeMs"/> (its event bar's close) sees bars that open
    /// at or after it; the bar the decision was taken on (or older) is never part of its path.
    /// </summary>
    public static bool IsOnPath(Bar bar, long decisionTimeMs)
    {
        ArgumentNullException.ThrowIfNull(bar);
        return bar.OpenTimeMs >= decisionTimeMs;
    }

    /// <summary>Feeds a closed bar to every trade opened before it; returns the trades that ended.</summary>
    public IReadOnlyList<ClosedSnapTrade> OnBar(Bar bar)
    {
        List<ClosedSnapTrade>? closed = null;
        for (var i = 0; i < _open.Count; i++)
        {
            var t = _open[i];
            if (!IsOnPath(bar, t.DecisionTimeMs))
            {
                continue;
            }

            if (t.Trade.OnBar(bar.OpenTimeMs, bar.High, bar.Low, bar.Close) is { } outcome)
            {
                (closed ??= []).Add(new ClosedSnapTrade(t.EventId, t.DecisionTimeMs, t.Trade.Side, t.Trade.Entry, outcome));
                _open.RemoveAt(i);
                i--;
            }
        }

        return closed ?? (IReadOnlyList<ClosedSnapTrade>)[];
    }
}
