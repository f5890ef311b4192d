using System.Globalization;
using System.Text.Json;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Binance.Recordings;
using ActorBot.Venues.Simulator.Engine;
using ActorBot.Venues.Simulator.Streams;

namespace ActorBot.Venues.Simulator.Replay;

/// <summary>
/// Replays real recordings into the simulator at a chosen speed (exchange time ÷ speed; null = as fast as
/// possible): publishes every frame on its stream, feeds prices to the exchange engine, rebuilds the
/// REST book and trade history. Inputs: raw WS recordings (hftbacktest <c>&lt;ts&gt; &lt;json&gt;</c> with the
/// REST snapshot line, cryptofeed ws/http files) and data.binance.vision aggTrades CSV/zip files.
/// Individual <c>trade</c> events are also published as <c>@aggTrade</c> (one fill per aggregate) so
/// bar builders have their stream.
/// </summary>
public sealed class MarketReplayer
{
    private readonly IReadOnlyList<string> _files;
    private readonly double? _speed;
    private readonly MarketDataStore _store;
    private readonly ExchangeEngine _engine;
    private readonly StreamHub _hub;
    private readonly TimeProvider _time;
    private readonly DecodeErrorCounter _errors;
    private readonly Dictionary<string, long> _syntheticAggIds = new();
    private long _firstEventMs = -1;
    private long _startTimestamp;
    private long _frames;
    private long _aggTradeFrames;

    // Well under a session's 10,000-frame queue, so max speed never drops a frame.
    private const int MaxSpeedBacklog = 2_000;
    private readonly bool _rebase;
    private long? _rebaseOffsetMs;

    public MarketReplayer(IReadOnlyList<string> files, double? speed, MarketDataStore store, ExchangeEngine engine, StreamHub hub, TimeProvider time, DecodeErrorCounter errors, bool rebaseTimestamps = false)
    {
        _rebase = rebaseTimestamps;
        _files = files;
        _speed = speed;
        _store = store;
        _engine = engine;
        _hub = hub;
        _time = time;
        _errors = errors;
    }

    /// <summary>Every frame published: aggTrades (aliases included), liquidations, mark prices from recordings.</summary>
    public long FramesReplayed => Interlocked.Read(ref _frames);

    /// <summary>The aggTrade frames among them (aliases included): what a client's market actor forwards as trades.</summary>
    public long AggTradeFramesReplayed => Interlocked.Read(ref _aggTradeFrames);

    public bool Finished { get; private set; }

    /// <summary>
    /// Start the data again when it ends, until canceled (<c>actorbot run --follow</c>). Each pass of aggTrades data is
    /// moved later by the data's span in whole minutes and its aggregate ids up by the ids it used, so to a client the
    /// passes are one continuous, gap-free stream. Raw WS recordings (depth diffs with their own update ids) replay once.
    /// </summary>
    public bool Loop { get; init; }

    /// <summary>Recorded symbol → alias names its trades are also published under (<see cref="SimulatorOptions.SymbolAliases"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Aliases { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Completed passes over the data.</summary>
    public int Passes { get; private set; }

    private readonly LoopShift _loopShift = new();

    /// <summary>Recorded liquidation tapes published as <c>forceOrder</c> on their symbol's trades (<see cref="SimulatorOptions.LiquidationTapes"/>).</summary>
    public IReadOnlyList<LiquidationTapeReplay> LiquidationTapes { get; init; } = [];

    /// <summary>Recorded book windows published as their symbol's depth stream on its trades (<see cref="SimulatorOptions.DepthWindows"/>).</summary>
    public IReadOnlyList<DepthWindowReplay> DepthWindows { get; init; } = [];

    /// <summary>The synthetic open interest the replayed trades and liquidations drive; null: off.</summary>
    public SyntheticOpenInterest? OpenInterest { get; init; }

    /// <summary>Recorded open interest per symbol (<see cref="SimulatorOptions.RecordedOpenInterest"/>); those symbols take no synthetic OI.</summary>
    public IReadOnlyList<RecordedOpenInterest> RecordedOpenInterest { get; init; } = [];

    /// <summary>Publish <c>{symbol}@markPrice@1s</c> from the trades (<see cref="SimulatorOptions.MarkPriceFromTrades"/>).</summary>
    public bool MarkPriceFromTrades { get; init; }

    private readonly Dictionary<string, long> _markSecond = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken ct)
    {
        var aggDecoder = new AggTradeDecoder(_errors);
        var tradeDecoder = new TradeDecoder(_errors);
        var depthDecoder = new DepthUpdateDecoder(_errors);
        var slowDecoder = new MarketEventDecoder(_errors);
        var snapshotDecoder = new DepthSnapshotDecoder(_errors);
        var frame = new DepthUpdateFrame();
        do
        {
            await ReplayFilesOnceAsync(aggDecoder, tradeDecoder, depthDecoder, slowDecoder, snapshotDecoder, frame, ct).ConfigureAwait(false);
            Passes++;
            _loopShift.NextPass();
        }
        while (Loop && !ct.IsCancellationRequested);

        Finished = true;
    }

    private async Task ReplayFilesOnceAsync(
        AggTradeDecoder aggDecoder,
        TradeDecoder tradeDecoder,
        DepthUpdateDecoder depthDecoder,
        MarketEventDecoder slowDecoder,
        DepthSnapshotDecoder snapshotDecoder,
        DepthUpdateFrame frame,
        CancellationToken ct)
    {
        foreach (var file in _files)
        {
            if (IsAggTradesCsv(file))
            {
                foreach (var recorded in AggTradeCsvReader.Read(file))
                {
                    var trade = _loopShift.Apply(recorded);
                    _engine.AddSymbol(SymbolSpec.Default(trade.Symbol));
                    await PaceAsync(trade.TradeTimeMs, ct).ConfigureAwait(false);
                    PublishWithAliases(trade);
                }

                continue;
            }

            string? lastDepthSymbol = null;
            DepthSnapshot? pendingSnapshot = null;
            foreach (var line in RecordingReader.Read(file))
            {
                ct.ThrowIfCancellationRequested();
                if (line.Kind == RecordedLineKind.RestResponse)
                {
                    var symbol = SymbolOf(line.Url!);
                    if (symbol is not null && line.Url!.Contains("/depth", StringComparison.Ordinal)
                        && snapshotDecoder.TryDecode(line.Json.Span, out var rest, out _))
                    {
                        _store.OnDepthSnapshot(symbol, rest!);
                    }

                    continue;
                }

                if (line.Kind != RecordedLineKind.Frame)
                {
                    continue;
                }

                var type = MarketFramePeek.EventType(line.Json.Span, out _);
                if (type == MarketEventType.DepthSnapshot)
                {
                    if (snapshotDecoder.TryDecode(line.Json.Span, out var snap, out _))
                    {
                        if (lastDepthSymbol is null)
                        {
                            pendingSnapshot = snap;
                        }
                        else
                        {
                            _store.OnDepthSnapshot(lastDepthSymbol, snap!);
                        }
                    }

                    continue;
                }

                var (stream, payload, eventTime) = Split(line.Json);
                if (eventTime > 0)
                {
                    await PaceAsync(eventTime, ct).ConfigureAwait(false);
                }

                switch (type)
                {
                    case MarketEventType.AggTrade when aggDecoder.TryDecode(line.Json.Span, out var agg, out _):
                        _engine.AddSymbol(SymbolSpec.Default(agg.Symbol));
                        _engine.OnTrade(agg.Symbol, agg.Price, agg.Quantity);
                        _store.OnAggTrade(agg);
                        break;
                    case MarketEventType.Trade when tradeDecoder.TryDecode(line.Json.Span, out var t, out _):
                        _engine.AddSymbol(SymbolSpec.Default(t.Symbol));
                        PublishWithAliases(new AggTrade(t.Symbol, t.EventTimeMs, NextAggId(t.Symbol), t.Price, t.Quantity, t.TradeId, t.TradeId, t.TradeTimeMs, t.IsBuyerMaker));
                        break;
                    case MarketEventType.DepthUpdate when depthDecoder.TryDecode(line.Json.Span, frame, out _):
                        lastDepthSymbol = frame.Symbol;
                        if (pendingSnapshot is not null)
                        {
                            _store.OnDepthSnapshot(frame.Symbol, pendingSnapshot);
                            pendingSnapshot = null;
                        }

                        _store.OnDepthDiff(frame.Symbol, frame.Header, frame.Bids, frame.Asks);
                        break;
                    case MarketEventType.BookTicker or MarketEventType.MarkPriceUpdate when slowDecoder.TryDecode(line.Json.Span, out var ev, out _):
                        if (ev is BookTickerEvent bt)
                        {
                            _engine.OnBookTicker(bt.Symbol, bt.BidPrice, bt.AskPrice);
                        }
                        else if (ev is MarkPriceEvent mp)
                        {
                            _engine.OnMarkPrice(mp.Symbol, mp.MarkPrice, mp.IndexPrice, mp.FundingRate, mp.NextFundingTimeMs);
                        }

                        break;
                }

                if (stream is not null)
                {
                    _hub.Publish(stream, payload);
                }

                Interlocked.Increment(ref _frames);
            }
        }
    }

    private void PublishWithAliases(AggTrade trade)
    {
        PublishAggTrade(trade);
        if (Aliases.TryGetValue(trade.Symbol, out var aliases))
        {
            foreach (var alias in aliases)
            {
                _engine.AddSymbol(SymbolSpec.Default(alias));
                PublishAggTrade(trade with { Symbol = alias });
            }
        }
    }

    private void PublishAggTrade(AggTrade t)
    {
        if (_rebase)
        {
            _rebaseOffsetMs ??= TimeRebase.WholeMinuteOffset(t.TradeTimeMs, _time.GetUtcNow().ToUnixTimeMilliseconds());
            t = t with { EventTimeMs = t.EventTimeMs + _rebaseOffsetMs.Value, TradeTimeMs = t.TradeTimeMs + _rebaseOffsetMs.Value };
        }

        _engine.OnTrade(t.Symbol, t.Price, t.Quantity);
        _store.OnAggTrade(t);
        var json = JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("e", "aggTrade");
            w.WriteNumber("E", t.EventTimeMs);
            w.WriteNumber("a", t.AggregateTradeId);
            w.WriteString("s", t.Symbol);
            w.WriteDecimal("p", t.Price);
            w.WriteDecimal("q", t.Quantity);
            w.WriteNumber("f", t.FirstTradeId);
            w.WriteNumber("l", t.LastTradeId);
            w.WriteNumber("T", t.TradeTimeMs);
            w.WriteBoolean("m", t.IsBuyerMaker);
            w.WriteEndObject();
        });
        _hub.Publish($"{MarketDataStore.Lower(t.Symbol)}@aggTrade", json);
        Interlocked.Increment(ref _frames);
        Interlocked.Increment(ref _aggTradeFrames);
        var recorded = RecordedFor(t.Symbol);
        if (recorded is not null)
        {
            _engine.SetOpenInterest(t.Symbol, recorded.At(t.TradeTimeMs, t.Price));
        }
        else if (OpenInterest is { } oi)
        {
            _engine.SetOpenInterest(t.Symbol, oi.OnTrade(t.Symbol, t.Quantity, t.IsBuyerMaker));
        }

        PublishMark(t);
        PublishDepth(t);
        foreach (var tape in LiquidationTapes)
        {
            if (!string.Equals(tape.Source.Symbol, t.Symbol, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var release in tape.Due(t.TradeTimeMs, t.Price))
            {
                var quantity = release.Quantity;
                var payload = LiquidationTapeReplay.Payload(t.Symbol, release.Side, release.Price, quantity, release.TimeMs);
                _hub.Publish($"{MarketDataStore.Lower(t.Symbol)}@forceOrder", payload);
                _hub.Publish("!forceOrder@arr", payload);
                Interlocked.Increment(ref _frames);
                if (recorded is null && OpenInterest is { } o)
                {
                    _engine.SetOpenInterest(t.Symbol, o.OnLiquidation(t.Symbol, quantity));
                }
            }
        }
    }

    private RecordedOpenInterest? RecordedFor(string symbol)
    {
        foreach (var r in RecordedOpenInterest)
        {
            if (string.Equals(r.Source.Symbol, symbol, StringComparison.Ordinal))
            {
                return r;
            }
        }

        return null;
    }

    // A recorded book window on this symbol's trades: the REST book (the store) and every depth stream name subscribed.
    private void PublishDepth(AggTrade t)
    {
        foreach (var window in DepthWindows)
        {
            if (!string.Equals(window.Source.Symbol, t.Symbol, StringComparison.Ordinal))
            {
                continue;
            }

            var lower = MarketDataStore.Lower(t.Symbol);
            foreach (var release in window.Due(t.TradeTimeMs, t.Price))
            {
                if (release.Snapshot is { } snapshot)
                {
                    _store.OnDepthSnapshot(t.Symbol, snapshot);
                    continue;
                }

                _store.OnDepthDiff(t.Symbol, release.Header, release.Bids, release.Asks);
                string? payload = null;
                foreach (var speed in DepthStreamSuffixes)
                {
                    var stream = lower + speed;
                    if (_hub.AnySubscribed(stream))
                    {
                        payload ??= DepthWindowReplay.Payload(t.Symbol, release);
                        _hub.Publish(stream, payload);
                    }
                }

                Interlocked.Increment(ref _frames);
            }
        }
    }

    private static readonly string[] DepthStreamSuffixes = ["@depth", "@depth@100ms", "@depth@250ms", "@depth@500ms", "@depth@0ms"];

    // One markPriceUpdate per second of replayed time, the mark being the trade's price (recordings of trades carry no mark).
    private void PublishMark(AggTrade t)
    {
        var stream = $"{MarketDataStore.Lower(t.Symbol)}@markPrice@1s";
        var second = t.TradeTimeMs / 1000;
        if (!MarkPriceFromTrades || _markSecond.GetValueOrDefault(t.Symbol, long.MinValue) >= second || !_hub.AnySubscribed(stream))
        {
            return;
        }

        _markSecond[t.Symbol] = second;
        var json = JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("e", "markPriceUpdate");
            w.WriteNumber("E", t.TradeTimeMs);
            w.WriteString("s", t.Symbol);
            w.WriteDecimal("p", t.Price);
            w.WriteDecimal("i", t.Price);
            w.WriteDecimal("P", t.Price);
            w.WriteString("r", "0.00010000");
            w.WriteNumber("T", ((t.TradeTimeMs / 28_800_000) + 1) * 28_800_000);
            w.WriteEndObject();
        });
        _hub.Publish(stream, json);
    }

    private long NextAggId(string symbol)
    {
        var id = _syntheticAggIds.GetValueOrDefault(symbol) + 1;
        _syntheticAggIds[symbol] = id;
        return id;
    }

    private async Task PaceAsync(long eventTimeMs, CancellationToken ct)
    {
        if (_speed is not { } speed)
        {
            // "As fast as possible" means as fast as the slowest subscriber reads: wait while a socket is far
            // behind rather than let its queue drop frames (a finite speed keeps the venue's drop-oldest rule).
            while (_hub.LargestMarketBacklog > MaxSpeedBacklog)
            {
                await Task.Delay(1, ct).ConfigureAwait(false);
            }

            return;
        }

        if (_firstEventMs < 0)
        {
            _firstEventMs = eventTimeMs;
            _startTimestamp = _time.GetTimestamp();
            return;
        }

        var due = TimeSpan.FromMilliseconds((eventTimeMs - _firstEventMs) / speed);
        var elapsed = _time.GetElapsedTime(_startTimestamp);
        if (due > elapsed)
        {
            await Task.Delay(due - elapsed, _time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Stream name, payload JSON and exchange event time of a raw or combined frame.</summary>
    private static (string? Stream, string Payload, long EventTime) Split(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var data = root.TryGetProperty("data", out var d) ? d : root;
            var time = data.TryGetProperty("E", out var e) && e.TryGetInt64(out var ms) ? ms : 0;
            string? stream = root.TryGetProperty("stream", out var s) ? s.GetString() : null;
            if (stream is null && data.TryGetProperty("e", out var type) && data.TryGetProperty("s", out var sym))
            {
                stream = $"{sym.GetString()!.ToLower(CultureInfo.InvariantCulture)}@{type.GetString()}";
            }

            return (stream, data.GetRawText(), time);
        }
        catch (JsonException)
        {
            return (null, string.Empty, 0);
        }
    }

    /// <summary>data.binance.vision aggTrades: <c>.zip</c>, <c>.csv</c> or <c>.csv.gz</c>.</summary>
    private static bool IsAggTradesCsv(string file) =>
        file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
        || file.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);

    private static string? SymbolOf(string url)
    {
        var q = url.IndexOf('?');
        if (q < 0)
        {
            return null;
        }

        foreach (var part in url[(q + 1)..].Split('&'))
        {
            if (part.StartsWith("symbol=", StringComparison.Ordinal))
            {
                return part[7..].ToUpperInvariant();
            }
        }

        return null;
    }
}
