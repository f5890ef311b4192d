using System.Globalization;
using System.Text;
using ActorBot.Domain.Execution;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Engine.Venues.Paper;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Tests.Persistence;

/// <summary>
/// The snapshot property: for every cut k, restore(snapshot of fold(events[..k]) written and read by our serializer)
/// then fold(events[k..]) equals fold(events). States are compared through a dump written field by field here (not
/// through the snapshot DTOs under test); decimals keep their scale in it, and the dictionaries' key comparers are
/// checked too (an ordinal map restored as a culture-aware one would be a different state).
/// </summary>
internal static class SnapshotRoundTrip
{
    private static readonly JsonPersistenceSerializer Serializer = EnginePersistence.CreateSerializer();

    public static T ThroughJson<T>(T snapshot)
        where T : notnull
    {
        var bytes = Serializer.Serialize(snapshot, out var manifest);
        return (T)Serializer.Deserialize(bytes, manifest);
    }

    public static void CheckExecution(IReadOnlyList<IExecutionEvent> events, string name) =>
        CheckEveryCut(events, ExecutionState.Empty, (s, e) => s.Apply(e), Dump, name, "state", prefix =>
        {
            var restored = ExecutionSnapshots.ToState(ThroughJson(ExecutionSnapshots.ToSnapshot(prefix)));
            restored.Trades.KeyComparer.Should().BeSameAs(StringComparer.Ordinal);
            restored.TradeByClientId.KeyComparer.Should().BeSameAs(StringComparer.Ordinal);
            restored.Owned.KeyComparer.Should().BeSameAs(StringComparer.Ordinal);
            return restored;
        });

    public static void CheckPaper(IReadOnlyList<IPaperExecutionEvent> events, string name) =>
        CheckEveryCut(events, PaperBook.Empty, (s, e) => s.Apply(e), Dump, name, "book", prefix =>
        {
            var restored = PaperSnapshots.ToBook(ThroughJson(PaperSnapshots.ToSnapshot(prefix)));
            restored.Open.KeyComparer.Should().BeSameAs(StringComparer.Ordinal);
            restored.Closed.KeyComparer.Should().BeSameAs(StringComparer.Ordinal);
            restored.ClosesByReason.KeyComparer.Should().BeSameAs(StringComparer.Ordinal);
            return restored;
        });

    // fold(all) == restore(snapshot at k) + fold(rest), at every cut k: the one rule both journals' snapshots keep.
    private static void CheckEveryCut<TState, TEvent>(IReadOnlyList<TEvent> events, TState empty, Func<TState, TEvent, TState> apply,
        Func<TState, string> dump, string name, string what, Func<TState, TState> roundTrip)
    {
        var expected = dump(events.Aggregate(empty, apply));
        var prefix = empty;
        for (var k = 0; k <= events.Count; k++)
        {
            var restored = roundTrip(prefix);
            dump(restored).Should().Be(dump(prefix), $"{name}: the snapshot at {k} restores the {what} it was taken of");
            var rest = restored;
            for (var i = k; i < events.Count; i++)
            {
                rest = apply(rest, events[i]);
            }

            dump(rest).Should().Be(expected, $"{name}: snapshot at {k} of {events.Count}, then the rest, equals the full replay");
            if (k < events.Count)
            {
                prefix = apply(prefix, events[k]);
            }
        }
    }

    public static string Dump(ExecutionState s)
    {
        var b = new StringBuilder();
        foreach (var t in s.Trades.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var v = t.Value;
            b.Append(CultureInfo.InvariantCulture, $"trade {t.Key}: {v.EventId} {v.Symbol} {v.SignalTimeMs} {v.Direction} {v.StopPrice} {v.TakeProfitPrice} close={v.CloseReason ?? "-"}\n");
            b.Append("  entry ").Append(Dump(v.Entry)).Append('\n');
            b.Append("  exit ").Append(v.Exit is null ? "-" : Dump(v.Exit)).Append('\n');
            b.Append("  sl ").Append(Dump(v.StopLoss)).Append(" tp ").Append(Dump(v.TakeProfit)).Append('\n');
        }

        foreach (var p in s.TradeByClientId.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            b.Append(CultureInfo.InvariantCulture, $"client {p.Key} -> {p.Value}\n");
        }

        foreach (var p in s.Owned.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            b.Append(CultureInfo.InvariantCulture, $"owned {p.Key}: {p.Value.ClientId} {p.Value.Symbol} {p.Value.Leg} {p.Value.IsAlgo}\n");
        }

        return b.ToString();
    }

    public static string Dump(PaperBook book)
    {
        var b = new StringBuilder();
        foreach (var p in book.Open.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var t = p.Value.Trade;
            b.Append(CultureInfo.InvariantCulture,
                $"open {p.Key}: {t.EventId} {t.Symbol} {t.SignalTimeMs} {t.Direction} {t.Quantity} {t.EntryPrice} {t.EntryFee} {t.StopTrigger?.ToString(CultureInfo.InvariantCulture) ?? "-"} {t.TakeProfitTrigger?.ToString(CultureInfo.InvariantCulture) ?? "-"} {t.FilledAtMs} {t.PendingClose ?? "-"} {p.Value.ReplyTo}\n");
        }

        b.Append("closed ").AppendJoin(',', book.Closed.Order(StringComparer.Ordinal)).Append('\n');
        b.Append("by reason ").AppendJoin(',', book.ClosesByReason.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")).Append('\n');
        b.Append(CultureInfo.InvariantCulture, $"fills {book.Fills} fees {book.FeesUsd} slippage {book.SlippageUsd} pnl {book.RealizedPnlUsd}\n");
        return b.ToString();
    }

    private static string Dump(OrderLifecycle o) => string.Create(CultureInfo.InvariantCulture,
        $"{o.ClientOrderId} {o.Symbol} {o.Side} {o.Quantity} {o.State} {o.VenueOrderId?.ToString(CultureInfo.InvariantCulture) ?? "-"} {o.FilledQuantity} {o.AveragePrice} {o.Fees} [{string.Join(',', o.TradeIds.Order())}] {o.RejectReason ?? "-"}");

    private static string Dump(BracketLeg? l) => l is null ? "-" : $"{l.Leg}/{l.ClientAlgoId}/{l.TriggerPrice.ToString(CultureInfo.InvariantCulture)}/{l.Quantity.ToString(CultureInfo.InvariantCulture)}/{l.Status}";

}
