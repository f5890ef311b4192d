using ActorBot.Engine.Venues.Execution;

namespace ActorBot.Engine.Tests.Persistence;

/// <summary>
/// Execution journal histories as the actor writes them: the paths of the actor tests (one trade each) and a
/// generated long history that interleaves many trades of every kind, with duplicate fills and re-sent entries.
/// </summary>
internal static class ExecutionHistory
{
    public static readonly string[] ScenarioNames =
        ["tp", "sl", "refused-bracket", "duplicate-fills", "in-doubt-acked", "in-doubt-stays", "not-found", "rejected", "restart-flatten", "partial-open"];

    public static ExecutionState Fold(IEnumerable<IExecutionEvent> events) => events.Aggregate(ExecutionState.Empty, (s, e) => s.Apply(e));

    public static List<IExecutionEvent> Scenario(string name) => new Builder(new Random(1), 1).Trade(name, 1);

    /// <summary><paramref name="trades"/> trades of random kinds, their events interleaved at random (each trade's in order).</summary>
    public static List<IExecutionEvent> Generate(int trades, int seed)
    {
        var random = new Random(seed);
        var builder = new Builder(random, 1_000);
        var queues = Enumerable.Range(1, trades)
            .Select(i => new Queue<IExecutionEvent>(builder.Trade(ScenarioNames[random.Next(ScenarioNames.Length)], i)))
            .ToList();
        var events = new List<IExecutionEvent>();
        while (queues.Count > 0)
        {
            // A few trades in flight at once, as on a venue: pick among the oldest unfinished ones.
            var q = queues[random.Next(Math.Min(4, queues.Count))];
            var e = q.Dequeue();
            events.Add(e);
            if (random.Next(12) == 0 && e is FillRecorded or EntrySent)
            {
                events.Add(e); // delivered again (stream replay, re-sent intent)
            }

            if (q.Count == 0)
            {
                queues.Remove(q);
            }
        }

        // A late fill of an order nobody owns, and a flatten of a position the journal did not know (restart-flatten).
        events.Add(new FillRecorded("unknown-client-id", 99, 1m, 1m, 0m, 1));
        events.Add(new FlattenSent(null, "ETHUSDT", "snap-ETHUSDT-9-f", "SELL", 0.5m, "restart_flatten", 2));
        return events;
    }

    private sealed class Builder(Random random, long tradeIdBase)
    {
        private long _tradeId = tradeIdBase;

        public List<IExecutionEvent> Trade(string kind, int i)
        {
            var symbol = i % 3 == 0 ? "ETHUSDT" : "BTCUSDT";
            var side = kind == "sl" || random.Next(2) == 0 ? -1 : 1;
            var qty = Math.Round(0.001m * random.Next(1, 3000), 3);
            var price = Math.Round(100m + (decimal)random.NextDouble() * 900m, 2);
            var stop = price - (side * 5m);
            var take = price + (side * 7.5m);
            var ev = $"ev-{i}";
            var entry = $"snap-{symbol}-{i}-e";
            var sl = $"snap-{symbol}-{i}-s";
            var tp = $"snap-{symbol}-{i}-t";
            var flat = $"snap-{symbol}-{i}-f";
            var t = 1_700_000_000_000L + (i * 60_000L);
            var closeSide = side > 0 ? "SELL" : "BUY";
            var events = new List<IExecutionEvent> { new EntrySent(ev, symbol, t, side, qty, stop, take, entry, t + 1) };

            switch (kind)
            {
                case "rejected":
                    events.Add(new OrderAnswered(entry, "rejected", null, "-2019 margin is insufficient", t + 2));
                    events.Add(new TradeClosed(ev, "entry_failed", 0m, 0m, 0m, t + 3));
                    return events;
                case "not-found":
                    events.Add(new OrderAnswered(entry, "in-doubt", null, "timeout", t + 2));
                    events.Add(new OrderAnswered(entry, "not-found", null, null, t + 3));
                    events.Add(new TradeClosed(ev, "entry_failed", 0m, 0m, 0m, t + 4));
                    return events;
                case "in-doubt-stays":
                    events.Add(new OrderAnswered(entry, "in-doubt", null, "503 then lookup timed out", t + 2));
                    return events;
                case "in-doubt-acked":
                    events.Add(new OrderAnswered(entry, "in-doubt", null, "503", t + 2));
                    break;
            }

            events.Add(new OrderAnswered(entry, "acked", 7_000_000 + i, null, t + 5));
            if (kind == "partial-open")
            {
                events.AddRange(Fills(entry, qty - 0.001m < 0.001m ? qty : qty - 0.001m, price, t + 6, parts: 2));
                return events;
            }

            events.AddRange(Fills(entry, qty, price, t + 6, parts: kind == "duplicate-fills" ? 3 : random.Next(1, 3)));
            events.Add(new BracketSent(ev, "sl", sl, stop, qty, t + 10));
            events.Add(new BracketAnswered(sl, kind == "refused-bracket" ? "REJECTED" : "NEW", kind == "refused-bracket" ? "-2021 would immediately trigger" : null, t + 11));
            events.Add(new BracketSent(ev, "tp", tp, take, qty, t + 12));
            events.Add(new BracketAnswered(tp, "NEW", null, t + 13));
            switch (kind)
            {
                case "tp" or "in-doubt-acked":
                    events.AddRange(Fills(tp, qty, take, t + 20, parts: 2));
                    events.Add(new BracketAnswered(tp, "FINISHED", null, t + 21));
                    events.Add(new BracketAnswered(sl, "CANCELED", "sibling closed the position", t + 22));
                    events.Add(new TradeClosed(ev, "tp", take, qty, side * (take - price) * qty, t + 23));
                    break;
                case "sl":
                    events.Add(new BracketAnswered(sl, "TRIGGERED", null, t + 20));
                    events.AddRange(Fills(sl, qty, stop - side, t + 21, parts: 1));
                    events.Add(new BracketAnswered(tp, "CANCELED", "sibling closed the position", t + 22));
                    events.Add(new TradeClosed(ev, "sl", stop - side, qty, side * (stop - side - price) * qty, t + 23));
                    break;
                case "refused-bracket" or "restart-flatten":
                    var reason = kind == "refused-bracket" ? "flatten_bracket_failed" : "restart_flatten";
                    events.Add(new FlattenSent(ev, symbol, flat, closeSide, qty, reason, t + 30));
                    events.Add(new BracketAnswered(tp, "CANCELED", null, t + 31));
                    events.AddRange(Fills(flat, qty, price + 0.1m, t + 32, parts: 2));
                    events.Add(new TradeClosed(ev, reason, price + 0.1m, qty, side * 0.1m * qty, t + 33));
                    break;
                default:
                    // duplicate-fills: the position stays open with its brackets.
                    break;
            }

            return events;
        }

        /// <summary>The order's quantity in <paramref name="parts"/> fills at slightly different prices (average becomes a long decimal).</summary>
        private IEnumerable<FillRecorded> Fills(string clientId, decimal qty, decimal price, long at, int parts)
        {
            var left = qty;
            for (var p = 1; p <= parts && left > 0; p++)
            {
                var q = p == parts ? left : Math.Max(0.001m, Math.Round(left / 3m, 3));
                left -= q;
                var fill = new FillRecorded(clientId, ++_tradeId, q, price + (0.01m * p), Math.Round(q * price * 0.0004m, 8), at + p);
                yield return fill;
                if (p == 1 && parts == 3)
                {
                    yield return fill; // the same ORDER_TRADE_UPDATE delivered twice
                }
            }
        }
    }
}
