using System.Collections.Immutable;
using ActorBot.Domain.Execution;
using ActorBot.Domain.Paper;
using ActorBot.Engine.Persistence;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Venues.Paper;

// Snapshot of the paper execution (manifest "paper-execution.snapshot"): the whole PaperBook as plain data, with a
// Version field. Directions by name, sets and maps as sorted lists. The closed ids are kept: a re-sent intent of a
// closed trade must stay a duplicate after recovery.

/// <summary>Snapshot of <see cref="PaperBook"/>.</summary>
public sealed record PaperSnapshot(
    int Version,
    IReadOnlyList<PaperOpenTradeDto> Open,
    IReadOnlyList<string> Closed,
    long Fills,
    IReadOnlyList<PaperCloseCountDto> ClosesByReason,
    decimal FeesUsd,
    decimal SlippageUsd,
    decimal RealizedPnlUsd) : IPersisted;

/// <summary>One <see cref="PaperOpenTrade"/> (its <see cref="PaperTrade"/> flattened).</summary>
public sealed record PaperOpenTradeDto(
    string EventId,
    string Symbol,
    long SignalTimeMs,
    string Direction,
    decimal Quantity,
    decimal EntryPrice,
    decimal EntryFee,
    decimal? StopTrigger,
    decimal? TakeProfitTrigger,
    long FilledAtMs,
    string? PendingClose,
    string ReplyTo);

/// <summary>One entry of <see cref="PaperBook.ClosesByReason"/>.</summary>
public sealed record PaperCloseCountDto(string Reason, long Count);

/// <summary>Pure mapping between <see cref="PaperBook"/> and <see cref="PaperSnapshot"/>, both ways.</summary>
public static class PaperSnapshots
{
    public const int CurrentVersion = 1;

    /// <summary>The manifest it is stored under (registered in EnginePersistence).</summary>
    public const string Manifest = "paper-execution.snapshot";

    public static PaperSnapshot ToSnapshot(PaperBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        return new(
            CurrentVersion,
            book.Open.Values.OrderBy(o => o.Trade.EventId, StringComparer.Ordinal).Select(o => new PaperOpenTradeDto(
                o.Trade.EventId, o.Trade.Symbol, o.Trade.SignalTimeMs, o.Trade.Direction.ToString(), o.Trade.Quantity, o.Trade.EntryPrice,
                o.Trade.EntryFee, o.Trade.StopTrigger, o.Trade.TakeProfitTrigger, o.Trade.FilledAtMs, o.Trade.PendingClose, o.ReplyTo)).ToList(),
            book.Closed.Order(StringComparer.Ordinal).ToList(),
            book.Fills,
            book.ClosesByReason.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new PaperCloseCountDto(p.Key, p.Value)).ToList(),
            book.FeesUsd,
            book.SlippageUsd,
            book.RealizedPnlUsd);
    }

    /// <summary>The book a snapshot holds; a snapshot of another version is a typed error (never half-read).</summary>
    public static PaperBook ToBook(PaperSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Version != CurrentVersion)
        {
            throw new PersistenceSerializationException(Manifest, $"paper execution snapshot version {snapshot.Version} is not {CurrentVersion}: add a migration");
        }

        var empty = PaperBook.Empty;
        return new PaperBook(
            empty.Open.SetItems(snapshot.Open.Select(o => KeyValuePair.Create(o.EventId, new PaperOpenTrade(
                new PaperTrade(o.EventId, o.Symbol, o.SignalTimeMs, SnapshotEnums.Parse<TradeDirection>(Manifest, o.Direction), o.Quantity,
                    o.EntryPrice, o.EntryFee, o.StopTrigger, o.TakeProfitTrigger, o.FilledAtMs, o.PendingClose),
                o.ReplyTo)))),
            empty.Closed.Union(snapshot.Closed),
            snapshot.Fills,
            empty.ClosesByReason.SetItems(snapshot.ClosesByReason.Select(c => KeyValuePair.Create(c.Reason, c.Count))),
            snapshot.FeesUsd,
            snapshot.SlippageUsd,
            snapshot.RealizedPnlUsd);
    }
}
