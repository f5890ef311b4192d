using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Venues.Paper;

// What /execution journals in trade mode paper (persistence id paper-execution-{venue}; manifests in EnginePersistence),
// so an open paper trade, its brackets and a requested close survive a restart. Directions are the sign (+1 / −1).

/// <summary>Marker for the paper execution journal; <see cref="PaperBook.Apply"/> evolves the book from each.</summary>
public interface IPaperExecutionEvent : IPersisted
{
    string EventId { get; }
}

/// <summary>
/// An entry filled on paper at <paramref name="ReferencePrice"/> (the quote) → <paramref name="EntryPrice"/> (after slippage), with its fee, at the print of exchange time <paramref name="FilledAtMs"/>;
/// its brackets (null: could not be placed) arm after it. <paramref name="ReplyTo"/> is the path of whoever asked
/// (/user/bot/risk), so the close is reported there after a restart too.
/// </summary>
public sealed record PaperTradeOpened(
    string EventId,
    string Symbol,
    long SignalTimeMs,
    int Side,
    decimal Quantity,
    decimal ReferencePrice,
    decimal EntryPrice,
    decimal EntryFee,
    decimal? StopTrigger,
    decimal? TakeProfitTrigger,
    long FilledAtMs,
    string ReplyTo) : IPaperExecutionEvent;

/// <summary>A market close was asked for (ClosePosition, or the kill switch with no price yet): it fills at the next print.</summary>
public sealed record PaperCloseRequested(string EventId, string Reason) : IPaperExecutionEvent;

/// <summary>Cancel-all removed the trade's brackets: the position stays open, unprotected (as on the venue).</summary>
public sealed record PaperBracketsCanceled(string EventId) : IPaperExecutionEvent;

/// <summary>The position closed: the print it closed at (<paramref name="ReferencePrice"/>), exit fill after slippage, exit fee, PnL net of entry and exit fees; reason tp | sl | horizon | kill_switch | flatten_bracket_failed.</summary>
public sealed record PaperTradeClosed(string EventId, string Reason, decimal ReferencePrice, decimal ExitPrice, decimal ExitFee, decimal NetPnl, long AtMs) : IPaperExecutionEvent;
