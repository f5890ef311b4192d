using ActorBot.Engine.Venues.Paper;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Tests.Persistence;

/// <summary>
/// The paper execution snapshot restores exactly what a full replay gives, for every cut k of a generated history
/// (fills with and without brackets, requested closes, cancel-all, closes by every reason, ignored repeats).
/// </summary>
public sealed class PaperSnapshotRoundTripTests
{
    [Fact(DisplayName = "Generated paper history: snapshot at every cut k, then the rest of the events, equals the full replay")]
    public void GeneratedHistory()
    {
        var events = Generate(trades: 150, seed: 9);
        events.Count.Should().BeGreaterThan(400);
        var full = events.Aggregate(PaperBook.Empty, (b, e) => b.Apply(e));
        full.Open.Values.Should().Contain(o => o.Trade.PendingClose != null);
        full.Open.Values.Should().Contain(o => !o.Trade.HasBrackets);
        full.Closed.Count.Should().BeGreaterThan(50);
        full.ClosesByReason.Keys.Should().Contain(["tp", "sl", "kill_switch", "horizon"]);

        SnapshotRoundTrip.CheckPaper(events, "paper generated");
    }

    [Fact(DisplayName = "A closed paper trade stays known after the snapshot (a re-sent intent is never filled twice)")]
    public void ClosedStaysKnown()
    {
        var events = Generate(trades: 5, seed: 3);
        var book = events.Aggregate(PaperBook.Empty, (b, e) => b.Apply(e));
        var restored = PaperSnapshots.ToBook(SnapshotRoundTrip.ThroughJson(PaperSnapshots.ToSnapshot(book)));
        book.Closed.Should().NotBeEmpty();
        book.Closed.Should().OnlyContain(id => restored.Knows(id));
        book.Open.Keys.Should().OnlyContain(id => restored.Knows(id));
    }

    [Fact(DisplayName = "A paper snapshot of another version is a typed error naming the manifest")]
    public void OtherVersionIsTypedError()
    {
        var snapshot = PaperSnapshots.ToSnapshot(PaperBook.Empty) with { Version = 0 };
        var act = () => PaperSnapshots.ToBook(snapshot);
        act.Should().Throw<PersistenceSerializationException>().Which.Manifest.Should().Be("paper-execution.snapshot");
    }

    internal static List<IPaperExecutionEvent> Generate(int trades, int seed)
    {
        var random = new Random(seed);
        var reasons = new[] { "tp", "sl", "horizon", "kill_switch", "flatten_bracket_failed", "close" };
        var events = new List<IPaperExecutionEvent>();
        var open = new List<string>();
        for (var i = 1; i <= trades; i++)
        {
            var id = $"ev-{i}";
            var price = Math.Round(100m + (decimal)random.NextDouble() * 900m, 2);
            var side = random.Next(2) == 0 ? 1 : -1;
            var qty = Math.Round(0.001m * random.Next(1, 3000), 3);
            var slipped = price * (1m + (side * 0.0001m));
            var brackets = random.Next(6) != 0;
            events.Add(new PaperTradeOpened(id, i % 2 == 0 ? "ETHUSDT" : "BTCUSDT", 1_700_000_000_000 + i, side, qty, price, slipped, Math.Round(qty * slipped * 0.0005m, 8),
                brackets ? price - (side * 5m) : null, brackets ? price + (side * 7m) : null, 1_700_000_000_100 + i, "/user/bot/risk"));
            open.Add(id);
            // Close some of the open ones (not necessarily the newest), sometimes after a requested close or cancel-all.
            while (open.Count > 0 && random.Next(3) != 0)
            {
                var which = open[random.Next(open.Count)];
                switch (random.Next(4))
                {
                    case 0:
                        events.Add(new PaperCloseRequested(which, "close"));
                        break;
                    case 1:
                        events.Add(new PaperBracketsCanceled(which));
                        break;
                }

                if (random.Next(5) == 0)
                {
                    break; // left open (with its pending close or canceled brackets)
                }

                var exit = price + (decimal)(random.NextDouble() - 0.5) * 10m;
                events.Add(new PaperTradeClosed(which, reasons[random.Next(reasons.Length)], exit, exit - 0.01m, Math.Round(exit * 0.0005m, 8), Math.Round((exit - price) * side, 6), 1_700_000_001_000 + i));
                if (random.Next(10) == 0)
                {
                    // A close of a trade already closed, and of one never opened: ignored by the fold, in replay and live.
                    events.Add(new PaperTradeClosed(which, "tp", exit, exit, 0m, 1m, 1));
                    events.Add(new PaperCloseRequested("ev-never", "close"));
                }

                open.Remove(which);
            }
        }

        // Still open at the end: one waiting for its close, one whose brackets cancel-all removed.
        if (open.Count > 0)
        {
            events.Add(new PaperCloseRequested(open[0], "kill_switch"));
            events.Add(new PaperBracketsCanceled(open[^1]));
        }
        return events;
    }
}
