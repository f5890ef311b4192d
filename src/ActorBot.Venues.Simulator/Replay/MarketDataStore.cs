using System.Globalization;
using ActorBot.Domain.OrderBook;
using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Simulator.Engine;

namespace ActorBot.Venues.Simulator.Replay;

/// <summary>
/// What the simulator's REST market endpoints answer from: the order book rebuilt from the replayed
/// snapshot + diffs (with the Domain synchroniser), the aggTrade history (for <c>fromId</c> backfills),
/// and 1m klines built from those trades.
/// </summary>
public sealed class MarketDataStore
{
    // The aggTrade history a client can backfill from (fromId / time range): hours of market time on the bundled day
    // (about 1,200 trades a minute at its busiest), far more than any stream gap. It was 200,000 per symbol: at
    // ~120 B a trade that is ~25 MB a symbol, held for good once a --follow replay has played two passes.
    private const int MaxTradesPerSymbol = 20_000;

    // Two days of 1m bars per symbol: more than any warm-up asks for. Without a cap a --follow replay (every pass a
    // new day) grows the store by a day of bars per pass, for as long as the service runs.
    private const int MaxKlinesPerSymbol = 2 * 1_440;

    private readonly object _gate = new();
    private readonly Dictionary<string, OrderBookSynchronizer> _books = new();
    private readonly Dictionary<string, List<AggTrade>> _trades = new();
    private readonly Dictionary<string, SortedDictionary<long, KlineBuilder>> _klines = new();

    public void OnDepthSnapshot(string symbol, DepthSnapshot snapshot)
    {
        lock (_gate)
        {
            Book(symbol).OnSnapshot(snapshot.LastUpdateId, snapshot.Bids, snapshot.Asks);
        }
    }

    public void OnDepthDiff(string symbol, DepthDiffHeader header, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        lock (_gate)
        {
            Book(symbol).OnDiff(header, bids, asks);
        }
    }

    public void OnAggTrade(AggTrade trade)
    {
        lock (_gate)
        {
            if (!_trades.TryGetValue(trade.Symbol, out var list))
            {
                list = new List<AggTrade>();
                _trades[trade.Symbol] = list;
            }

            if (list.Count >= MaxTradesPerSymbol)
            {
                list.RemoveRange(0, MaxTradesPerSymbol / 10);
            }

            list.Add(trade);
            if (!_klines.TryGetValue(trade.Symbol, out var bars))
            {
                bars = new SortedDictionary<long, KlineBuilder>();
                _klines[trade.Symbol] = bars;
            }

            var open = trade.TradeTimeMs - (trade.TradeTimeMs % 60_000);
            if (!bars.TryGetValue(open, out var bar))
            {
                bar = new KlineBuilder(open, trade.Price);
                bars[open] = bar;
                if (bars.Count > MaxKlinesPerSymbol)
                {
                    bars.Remove(bars.First().Key);
                }
            }

            bar.Add(trade);
        }
    }

    public bool HasBook(string symbol)
    {
        lock (_gate)
        {
            return _books.ContainsKey(symbol);
        }
    }

    public EngineResult Depth(string symbol, int limit)
    {
        lock (_gate)
        {
            if (!_books.TryGetValue(symbol, out var sync) || sync.LastUpdateId < 0)
            {
                return EngineResult.Error(-1121, "Invalid symbol.");
            }

            return new EngineResult(200, JsonText.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("lastUpdateId", sync.LastUpdateId);
                w.WriteNumber("E", 0);
                w.WriteNumber("T", 0);
                Levels(w, "bids", sync.Book.Bids.Top(limit));
                Levels(w, "asks", sync.Book.Asks.Top(limit));
                w.WriteEndObject();
            }));
        }
    }

    public EngineResult AggTrades(string symbol, long? fromId, long? startTime, long? endTime, int limit)
    {
        lock (_gate)
        {
            IEnumerable<AggTrade> list = _trades.TryGetValue(symbol, out var all) ? all : [];
            if (fromId is { } id)
            {
                list = list.Where(t => t.AggregateTradeId >= id);
            }
            else if (startTime is not null || endTime is not null)
            {
                list = list.Where(t => (startTime is null || t.TradeTimeMs >= startTime) && (endTime is null || t.TradeTimeMs <= endTime));
            }
            else
            {
                list = list.TakeLast(limit);
            }

            var page = list.Take(Math.Clamp(limit, 1, 1000)).ToList();
            return new EngineResult(200, JsonText.Write(w =>
            {
                w.WriteStartArray();
                foreach (var t in page)
                {
                    w.WriteStartObject();
                    w.WriteNumber("a", t.AggregateTradeId);
                    w.WriteDecimal("p", t.Price);
                    w.WriteDecimal("q", t.Quantity);
                    w.WriteNumber("f", t.FirstTradeId);
                    w.WriteNumber("l", t.LastTradeId);
                    w.WriteNumber("T", t.TradeTimeMs);
                    w.WriteBoolean("m", t.IsBuyerMaker);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }));
        }
    }

    public EngineResult Klines(string symbol, string interval, long? startTime, long? endTime, int limit)
    {
        if (interval != "1m")
        {
            return EngineResult.Error(-1120, "Invalid interval.");
        }

        lock (_gate)
        {
            IEnumerable<KlineBuilder> bars = _klines.TryGetValue(symbol, out var all) ? all.Values : [];
            bars = bars.Where(b => (startTime is null || b.OpenMs >= startTime) && (endTime is null || b.OpenMs <= endTime));
            var page = (startTime is null ? bars.TakeLast(limit) : bars.Take(limit)).ToList();
            return new EngineResult(200, JsonText.Write(w =>
            {
                w.WriteStartArray();
                foreach (var b in page)
                {
                    w.WriteStartArray();
                    w.WriteNumberValue(b.OpenMs);
                    w.WriteStringValue(JsonText.D(b.Open));
                    w.WriteStringValue(JsonText.D(b.High));
                    w.WriteStringValue(JsonText.D(b.Low));
                    w.WriteStringValue(JsonText.D(b.Close));
                    w.WriteStringValue(JsonText.D(b.Volume));
                    w.WriteNumberValue(b.OpenMs + 59_999);
                    w.WriteStringValue(JsonText.D(b.QuoteVolume));
                    w.WriteNumberValue(b.Count);
                    w.WriteStringValue(JsonText.D(b.TakerBuyVolume));
                    w.WriteStringValue(JsonText.D(b.TakerBuyQuoteVolume));
                    w.WriteStringValue("0");
                    w.WriteEndArray();
                }

                w.WriteEndArray();
            }));
        }
    }

    private static void Levels(System.Text.Json.Utf8JsonWriter w, string name, IReadOnlyList<BookLevel> levels)
    {
        w.WriteStartArray(name);
        foreach (var l in levels)
        {
            w.WriteStartArray();
            w.WriteStringValue(Fixed8.Format(l.Price));
            w.WriteStringValue(Fixed8.Format(l.Quantity));
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private OrderBookSynchronizer Book(string symbol)
    {
        if (!_books.TryGetValue(symbol, out var sync))
        {
            sync = new OrderBookSynchronizer(symbol, 100_000);
            _books[symbol] = sync;
        }

        return sync;
    }

    private sealed class KlineBuilder(long openMs, decimal open)
    {
        public long OpenMs { get; } = openMs;

        public decimal Open { get; } = open;

        public decimal High { get; private set; } = open;

        public decimal Low { get; private set; } = open;

        public decimal Close { get; private set; } = open;

        public decimal Volume { get; private set; }

        public decimal QuoteVolume { get; private set; }

        public decimal TakerBuyVolume { get; private set; }

        public decimal TakerBuyQuoteVolume { get; private set; }

        public long Count { get; private set; }

        public void Add(AggTrade t)
        {
            High = Math.Max(High, t.Price);
            Low = Math.Min(Low, t.Price);
            Close = t.Price;
            Volume += t.Quantity;
            QuoteVolume += t.Quantity * t.Price;
            Count += t.LastTradeId - t.FirstTradeId + 1;
            if (!t.IsBuyerMaker)
            {
                TakerBuyVolume += t.Quantity;
                TakerBuyQuoteVolume += t.Quantity * t.Price;
            }
        }
    }

    internal static string Lower(string s) => s.ToLower(CultureInfo.InvariantCulture);
}
