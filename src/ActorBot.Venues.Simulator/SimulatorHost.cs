using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Binance.Streams;
using ActorBot.Venues.Simulator.Engine;
using ActorBot.Venues.Simulator.Faults;
using ActorBot.Venues.Simulator.Http;
using ActorBot.Venues.Simulator.Replay;
using ActorBot.Venues.Simulator.Streams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorBot.Venues.Simulator;

/// <summary>
/// "Testnet in a box": a Binance USDⓈ-M compatible venue on 127.0.0.1 (Kestrel) serving the REST paths and
/// WebSocket stream URLs the adapter uses, replaying real recordings, with an exchange engine and run-time
/// fault injection (<c>/admin/*</c> or the in-process members). Start with <see cref="StartAsync"/>.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorOptions _options;
    private readonly WeightAccounting _weights;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _listenKeys = new();
    private readonly CancellationTokenSource _stop = new();
    private long _keyedRequests;
    private Task? _replayTask;
    private long _requests;
    private long _retiredRootConnects;

    private SimulatorHost(WebApplication app, SimulatorOptions options)
    {
        _app = app;
        _options = options;
        Engine = new ExchangeEngine(options.Symbols, options.InitialBalance, options.Time);
        Engine.UserEvent += json =>
        {
            foreach (var key in _listenKeys.Keys)
            {
                Streams.PublishUser(key, json);
            }
        };
        _weights = new WeightAccounting(options.Time, options.WeightLimit, options.WeightWindow, options.BanDuration);
        var tapes = options.LiquidationTapes.Select(t => LiquidationTapeReplay.Load(t, out _)).ToList();
        Replayer = new MarketReplayer(options.DataFiles, options.Speed, Market, Engine, Streams, options.Time, DecodeErrors, options.RebaseTimestamps)
        {
            Loop = options.Loop,
            Aliases = options.SymbolAliases,
            LiquidationTapes = tapes,
            RecordedOpenInterest = options.RecordedOpenInterest.Select(r => LoadRecordedOpenInterest(r, tapes)).ToList(),
            DepthWindows = options.DepthWindows.Select(d => DepthWindowReplay.Load(d, DecodeErrors)).ToList(),
            OpenInterest = options.SyntheticOpenInterest ? new SyntheticOpenInterest() : null,
            MarkPriceFromTrades = options.MarkPriceFromTrades,
        };
    }

    // The symbol's tape fixes the minute alignment: the recorded OI moves exactly as its liquidations do.
    private static RecordedOpenInterest LoadRecordedOpenInterest(RecordedOpenInterestSource source, List<LiquidationTapeReplay> tapes)
    {
        var oi = RecordedOpenInterest.Load(source, out _);
        if (tapes.FirstOrDefault(t => string.Equals(t.Source.Symbol, source.Symbol, StringComparison.Ordinal))?.FirstMinuteMs is { } anchor)
        {
            oi.AnchorMinuteMs = anchor;
        }

        return oi;
    }

    public ExchangeEngine Engine { get; }

    public StreamHub Streams { get; } = new();

    public MarketDataStore Market { get; } = new();

    public FaultSwitches Faults { get; } = new();

    public MarketReplayer Replayer { get; }

    public DecodeErrorCounter DecodeErrors { get; } = new();

    public WeightAccounting Weights => _weights;

    /// <summary>Every new-order request that reached the engine, with arrival time and client port (<c>GET /admin/orders</c>).</summary>
    public OrderAudit OrderAudit { get; } = new();

    /// <summary>REST requests to an endpoint that needs an API key (signed or key-only), whether or not the key was right.</summary>
    public long KeyedRequests => Interlocked.Read(ref _keyedRequests);

    /// <summary>REST base, e.g. <c>http://127.0.0.1:51234</c>.</summary>

    public Uri RestUri { get; private set; } = null!;

    /// <summary>
    /// WebSocket base without a path, e.g. <c>ws://127.0.0.1:51234</c>, routed like the venue: append
    /// <c>/public|/market/ws/…</c> or <c>…/stream?streams=…</c>, and <c>/private/ws?listenKey=…&amp;events=…</c>.
    /// </summary>
    public Uri WsUri { get; private set; } = null!;

    /// <summary>WebSocket upgrades on the retired root (<c>/ws/…</c>, <c>/stream?…</c>): the adapter must never make one.</summary>
    public long RetiredRootConnects => Interlocked.Read(ref _retiredRootConnects);

    /// <summary>REST requests received (admin endpoints excluded).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    public IReadOnlyCollection<string> ListenKeys => _listenKeys.Keys.ToList();

    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var host = new SimulatorHost(app, options);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.WsPingInterval, KeepAliveTimeout = options.WsPongTimeout });
        app.Run(host.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        host.RestUri = new Uri($"http://127.0.0.1:{port}");
        host.WsUri = new Uri($"ws://127.0.0.1:{port}");
        if (options.DataFiles.Count > 0 && options.AutoStartReplay)
        {
            host.StartReplay();
        }

        return host;
    }

    /// <summary>Starts the replay of <see cref="SimulatorOptions.DataFiles"/> (once).</summary>
    public void StartReplay() => _replayTask ??= Task.Run(() => Replayer.RunAsync(_stop.Token));

    /// <summary>Waits until the replay has consumed every file (tests use speed = max).</summary>
    public Task ReplayCompletion => _replayTask ?? Task.CompletedTask;

    // ---- in-process fault API (the admin endpoints call the same) -----------------------------------

    public void DropSockets() => Streams.DropAll();

    public void InjectForceOrder(string symbol, string side, decimal price, decimal quantity)
    {
        var json = LiquidationTapeReplay.Payload(symbol, side, price, quantity, Engine.NowMs);
        Streams.Publish($"{MarketDataStore.Lower(symbol)}@forceOrder", json);
        Streams.Publish("!forceOrder@arr", json);
    }

    /// <summary>Publishes a trade on <c>&lt;s&gt;@aggTrade</c> and feeds it to the engine (tests drive prices with it).</summary>
    public void PublishTrade(string symbol, decimal price, decimal quantity, long aggTradeId)
    {
        var now = Engine.NowMs;
        Engine.OnTrade(symbol, price, quantity);
        var trade = new Binance.Market.AggTrade(symbol, now, aggTradeId, price, quantity, aggTradeId, aggTradeId, now, false);
        Market.OnAggTrade(trade);
        Streams.Publish($"{MarketDataStore.Lower(symbol)}@aggTrade", JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("e", "aggTrade");
            w.WriteNumber("E", now);
            w.WriteNumber("a", aggTradeId);
            w.WriteString("s", symbol);
            w.WriteDecimal("p", price);
            w.WriteDecimal("q", quantity);
            w.WriteNumber("f", aggTradeId);
            w.WriteNumber("l", aggTradeId);
            w.WriteNumber("T", now);
            w.WriteBoolean("m", false);
            w.WriteEndObject();
        }));
    }

    /// <summary>
    /// Fault: sends <paramref name="frame"/> as it is — no combined-stream envelope, not necessarily JSON — to every
    /// market session subscribed to <paramref name="stream"/>, as a corrupted frame on the wire would arrive.
    /// </summary>
    public void InjectRawFrame(string stream, string frame) => Streams.PublishRaw(stream, frame);

    /// <summary>Expires every listenKey: sends <c>listenKeyExpired</c> and closes the user streams.</summary>
    public void ExpireListenKeys()
    {
        foreach (var key in _listenKeys.Keys.ToList())
        {
            _listenKeys.TryRemove(key, out _);
            Streams.PublishUser(key, $"{{\"e\":\"listenKeyExpired\",\"E\":{Engine.NowMs},\"listenKey\":\"{key}\"}}");
            Streams.CloseUser(key);
        }
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        // Idempotent, as DisposeAsync should be: a test may cut the venue mid-run and its `await using` disposes again.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Drop the sockets before cancelling: cancelling ends every session's request at once, and the drop
        // would then race those ends. (A session that ends anyway is skipped by the drop, see StreamSession.End.)
        Streams.DropAll();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_replayTask is not null)
        {
            try
            {
                await _replayTask.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping the replay is the point.
            }
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    // ---- dispatch -------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        if (path.StartsWith("/admin/", StringComparison.Ordinal))
        {
            await AdminAsync(ctx, path).ConfigureAwait(false);
            return;
        }

        if (ctx.WebSockets.IsWebSocketRequest)
        {
            await WebSocketAsync(ctx, path).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _requests);
        if (HttpMethods.IsPost(ctx.Request.Method) && path == "/fapi/v1/algoOrder")
        {
            // A held bracket reaches the engine only when released (or never, if the client gives up first).
            await Faults.WaitAtAlgoGateAsync(ctx.RequestAborted).ConfigureAwait(false);
        }

        var result = await RestAsync(ctx, path).ConfigureAwait(false);
        if (Faults.RestDelay > TimeSpan.Zero)
        {
            await Task.Delay(Faults.RestDelay, _options.Time, ctx.RequestAborted).ConfigureAwait(false);
        }

        var json = result.HttpStatus == 200 && Faults.TakeBadJson() ? Truncated(result.Json) : result.Json;
        ctx.Response.StatusCode = result.HttpStatus;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(json, ctx.RequestAborted).ConfigureAwait(false);
    }

    private async Task<EngineResult> RestAsync(HttpContext ctx, string path)
    {
        var method = ctx.Request.Method;
        var body = string.Empty;
        if (ctx.Request.ContentLength > 0 || ctx.Request.HasFormContentType)
        {
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(ctx.RequestAborted).ConfigureAwait(false);
        }

        var rawQuery = ctx.Request.QueryString.HasValue ? ctx.Request.QueryString.Value![1..] : string.Empty;
        var p = Parse(rawQuery, body);
        var endpoint = $"{method} {path}";
        var (weight, isOrder, security) = Describe(endpoint, p);
        if (weight < 0)
        {
            return new EngineResult(404, "{\"code\":-1000,\"msg\":\"Unknown endpoint.\"}");
        }

        var charge = _weights.Charge(weight, isOrder);
        ctx.Response.Headers["X-MBX-USED-WEIGHT-1M"] = charge.Used.ToString(CultureInfo.InvariantCulture);
        if (isOrder)
        {
            ctx.Response.Headers["X-MBX-ORDER-COUNT-10S"] = charge.Orders10s.ToString(CultureInfo.InvariantCulture);
            ctx.Response.Headers["X-MBX-ORDER-COUNT-1M"] = charge.Orders1m.ToString(CultureInfo.InvariantCulture);
        }

        if (charge.Status != 200)
        {
            ctx.Response.Headers["Retry-After"] = charge.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return charge.Status == 429
                ? EngineResult.Error(-1003, "Too much request weight used; current limit is " + _weights.Limit + " request weight per window.", 429)
                : EngineResult.Error(-1003, "Way too much request weight used; IP banned.", 418);
        }

        if (Faults.TakeRest500())
        {
            return EngineResult.Error(-1000, "An unknown error occurred while processing the request.", 500);
        }

        if (security != Security.None)
        {
            Interlocked.Increment(ref _keyedRequests);
            var key = ctx.Request.Headers["X-MBX-APIKEY"].ToString();
            if (key != _options.ApiKey)
            {
                return EngineResult.Error(-2015, "Invalid API-key, IP, or permissions for action.", 401);
            }
        }

        if (security == Security.Signed)
        {
            var check = CheckSignature(rawQuery, body, p);
            if (check is not null)
            {
                return check;
            }
        }

        var symbol = p.GetValueOrDefault("symbol");
        var limit = int.TryParse(p.GetValueOrDefault("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 500;
        switch (endpoint)
        {
            case "GET /fapi/v1/ping":
                return new EngineResult(200, "{}");
            case "GET /fapi/v1/time":
                return new EngineResult(200, $"{{\"serverTime\":{ServerNowMs}}}");
            case "GET /fapi/v1/exchangeInfo":
                return new EngineResult(200, ExchangeInfoJson());
            case "GET /fapi/v1/depth":
                // A listed symbol without replayed depth has an empty book, not an unknown symbol.
                return !Market.HasBook(symbol ?? string.Empty) && Engine.IsKnownSymbol(symbol ?? string.Empty)
                    ? new EngineResult(200, $"{{\"lastUpdateId\":0,\"E\":{ServerNowMs},\"T\":{ServerNowMs},\"bids\":[],\"asks\":[]}}")
                    : Market.Depth(symbol ?? string.Empty, Math.Clamp(limit, 5, 1000));
            case "GET /fapi/v1/aggTrades":
                return Market.AggTrades(symbol ?? string.Empty, Long(p, "fromId"), Long(p, "startTime"), Long(p, "endTime"), limit);
            case "GET /fapi/v1/klines":
                return Market.Klines(symbol ?? string.Empty, p.GetValueOrDefault("interval") ?? string.Empty, Long(p, "startTime"), Long(p, "endTime"), limit);
            case "GET /fapi/v1/openInterest":
                return Engine.OpenInterest(symbol ?? string.Empty);
            case "GET /fapi/v1/premiumIndex":
                return Engine.PremiumIndex(symbol ?? string.Empty);
            case "POST /fapi/v1/order":
                var placed = Engine.PlaceOrder(p);
                Audit(ctx, "order", p, placed);
                return placed.HttpStatus == 200 && Faults.TakeOrderUnknown()
                    ? EngineResult.Error(-1000, "Unknown error, please check your request or try again later.", 503)
                    : placed;
            case "POST /fapi/v1/algoOrder":
                var placedAlgo = Engine.PlaceAlgoOrder(p);
                Audit(ctx, "algo", p, placedAlgo);
                return placedAlgo.HttpStatus == 200 && Faults.TakeOrderUnknown()
                    ? EngineResult.Error(-1000, "Unknown error, please check your request or try again later.", 503)
                    : placedAlgo;
            case "GET /fapi/v1/algoOrder":
                return Engine.QueryAlgoOrder(p);
            case "DELETE /fapi/v1/algoOrder":
                return Engine.CancelAlgoOrder(p);
            case "GET /fapi/v1/openAlgoOrders":
                return Engine.OpenAlgoOrders(symbol);
            case "DELETE /fapi/v1/algoOpenOrders":
                return Engine.CancelAllAlgoOrders(p);
            case "GET /fapi/v1/order":
                return Engine.QueryOrder(p);
            case "DELETE /fapi/v1/order":
                return Engine.CancelOrder(p);
            case "GET /fapi/v1/openOrders":
                return Engine.OpenOrders(symbol);
            case "POST /fapi/v1/leverage":
                return Engine.SetLeverage(p);
            case "POST /fapi/v1/marginType":
                return Engine.SetMarginType(p);
            case "GET /fapi/v2/positionRisk":
            case "GET /fapi/v3/positionRisk":
                return Engine.PositionRisk(symbol);
            case "GET /fapi/v2/account":
            case "GET /fapi/v3/account":
                return Engine.Account();
            case "GET /fapi/v2/balance":
            case "GET /fapi/v3/balance":
                return Engine.Balances();
            case "POST /fapi/v1/listenKey":
                var listenKey = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
                _listenKeys[listenKey] = _options.Time.GetUtcNow() + _options.ListenKeyValidity;
                return new EngineResult(200, $"{{\"listenKey\":\"{listenKey}\"}}");
            case "PUT /fapi/v1/listenKey":
                var live = _listenKeys.Keys.FirstOrDefault();
                if (live is null)
                {
                    return EngineResult.Error(BinanceError.ListenKeyNotFound, "This listenKey does not exist.");
                }

                _listenKeys[live] = _options.Time.GetUtcNow() + _options.ListenKeyValidity;
                return new EngineResult(200, $"{{\"listenKey\":\"{live}\"}}");
            case "DELETE /fapi/v1/listenKey":
                foreach (var k in _listenKeys.Keys.ToList())
                {
                    _listenKeys.TryRemove(k, out _);
                    Streams.CloseUser(k);
                }

                return new EngineResult(200, "{}");
            default:
                return new EngineResult(404, "{\"code\":-1000,\"msg\":\"Unknown endpoint.\"}");
        }
    }

    private long ServerNowMs => _options.Time.GetUtcNow().ToUnixTimeMilliseconds() + Faults.ClockSkewMs;

    private EngineResult? CheckSignature(string rawQuery, string body, IReadOnlyDictionary<string, string> p)
    {
        var total = rawQuery + body;
        var marker = total.LastIndexOf("signature=", StringComparison.Ordinal);
        if (marker < 0)
        {
            return EngineResult.Error(-1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
        }

        var signedPart = total[..marker].TrimEnd('&');
        var signature = total[(marker + "signature=".Length)..].Split('&')[0];
        if (!RequestSigner.Verify(_options.ApiSecret, signedPart, signature))
        {
            return EngineResult.Error(BinanceError.InvalidSignature, "Signature for this request is not valid.");
        }

        if (!p.TryGetValue("timestamp", out var ts) || !long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return EngineResult.Error(-1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
        }

        var recvWindow = Long(p, "recvWindow") ?? 5000;
        var now = ServerNowMs;
        if (timestamp > now + 1000 || now - timestamp > recvWindow)
        {
            return EngineResult.Error(BinanceError.InvalidTimestamp, "Timestamp for this request is outside of the recvWindow.");
        }

        return null;
    }

    private enum Security
    {
        None,
        ApiKey,
        Signed,
    }

    private static (int Weight, bool IsOrder, Security Security) Describe(string endpoint, IReadOnlyDictionary<string, string> p) => endpoint switch
    {
        "GET /fapi/v1/ping" or "GET /fapi/v1/time" or "GET /fapi/v1/exchangeInfo" or "GET /fapi/v1/openInterest" => (1, false, Security.None),
        "GET /fapi/v1/premiumIndex" => (p.ContainsKey("symbol") ? 1 : 10, false, Security.None),
        "GET /fapi/v1/depth" => (DepthWeight(p), false, Security.None),
        "GET /fapi/v1/aggTrades" => (20, false, Security.None),
        "GET /fapi/v1/klines" => (5, false, Security.None),
        "POST /fapi/v1/order" or "POST /fapi/v1/algoOrder" => (0, true, Security.Signed),
        "GET /fapi/v1/algoOrder" or "DELETE /fapi/v1/algoOrder" or "DELETE /fapi/v1/algoOpenOrders" => (1, false, Security.Signed),
        "GET /fapi/v1/openAlgoOrders" => (p.ContainsKey("symbol") ? 1 : 40, false, Security.Signed),
        "GET /fapi/v1/order" or "DELETE /fapi/v1/order" or "POST /fapi/v1/leverage" or "POST /fapi/v1/marginType" => (1, false, Security.Signed),
        "GET /fapi/v1/openOrders" => (p.ContainsKey("symbol") ? 1 : 40, false, Security.Signed),
        "GET /fapi/v2/positionRisk" or "GET /fapi/v3/positionRisk" or "GET /fapi/v2/account" or "GET /fapi/v3/account"
            or "GET /fapi/v2/balance" or "GET /fapi/v3/balance" => (5, false, Security.Signed),
        "POST /fapi/v1/listenKey" or "PUT /fapi/v1/listenKey" or "DELETE /fapi/v1/listenKey" => (1, false, Security.ApiKey),
        _ => (-1, false, Security.None),
    };

    private static int DepthWeight(IReadOnlyDictionary<string, string> p)
    {
        var limit = int.TryParse(p.GetValueOrDefault("limit"), out var l) ? l : 500;
        return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
    }

    private string ExchangeInfoJson() => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("timezone", "UTC");
        w.WriteNumber("serverTime", ServerNowMs);
        w.WriteStartArray("rateLimits");
        RateLimit(w, "REQUEST_WEIGHT", "MINUTE", 1, _weights.Limit);
        RateLimit(w, "ORDERS", "MINUTE", 1, 1200);
        RateLimit(w, "ORDERS", "SECOND", 10, 300);
        w.WriteEndArray();
        w.WriteStartArray("symbols");
        foreach (var s in Engine.Symbols.OrderBy(s => s.Symbol, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("symbol", s.Symbol);
            w.WriteString("pair", s.Symbol);
            w.WriteString("contractType", "PERPETUAL");
            w.WriteString("status", "TRADING");
            w.WriteString("baseAsset", s.BaseAsset);
            w.WriteString("quoteAsset", "USDT");
            w.WriteString("marginAsset", "USDT");
            w.WriteNumber("pricePrecision", s.PricePrecision);
            w.WriteNumber("quantityPrecision", s.QuantityPrecision);
            w.WriteStartArray("filters");
            w.WriteStartObject();
            w.WriteString("filterType", "PRICE_FILTER");
            w.WriteDecimal("tickSize", s.TickSize);
            w.WriteDecimal("minPrice", s.TickSize);
            w.WriteDecimal("maxPrice", 1_000_000m);
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("filterType", "LOT_SIZE");
            w.WriteDecimal("stepSize", s.StepSize);
            w.WriteDecimal("minQty", s.MinQuantity);
            w.WriteDecimal("maxQty", s.MaxQuantity);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("orderTypes");
            foreach (var t in new[] { "LIMIT", "MARKET", "STOP_MARKET", "TAKE_PROFIT_MARKET" })
            {
                w.WriteStringValue(t);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void RateLimit(Utf8JsonWriter w, string type, string interval, int num, int limit)
    {
        w.WriteStartObject();
        w.WriteString("rateLimitType", type);
        w.WriteString("interval", interval);
        w.WriteNumber("intervalNum", num);
        w.WriteNumber("limit", limit);
        w.WriteEndObject();
    }

    // ---- WebSocket ------------------------------------------------------------------------------------

    private async Task WebSocketAsync(HttpContext ctx, string path)
    {
        if (Faults.RefuseConnect)
        {
            ctx.Response.StatusCode = 503;
            return;
        }

        var request = StreamPath.Parse(path, name => ctx.Request.Query[name].ToString() is { Length: > 0 } v ? v : null);
        if (request is null)
        {
            ctx.Response.StatusCode = 404;
            return;
        }

        if (request.IsRetiredRoot)
        {
            // Counted so tests can prove the adapter never uses it.
            Interlocked.Increment(ref _retiredRootConnects);
        }

        // User data only on /private, and only for a live key; on the retired root a listenKey is just a
        // stream name that never delivers (the venue no longer serves user data there).
        var listenKey = request.Route == StreamRouteKind.Private ? request.ListenKey : null;
        if (request.Route == StreamRouteKind.Private && (listenKey is null || !_listenKeys.ContainsKey(listenKey)))
        {
            ctx.Response.StatusCode = 400;
            return;
        }

        using var socket = await ctx.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var session = new StreamSession(socket, request.Combined, listenKey, ctx.Abort, request.Route, request.Events);
        foreach (var s in request.Streams)
        {
            session.Subscribe(s);
        }

        await RunSessionAsync(session, ctx.RequestAborted).ConfigureAwait(false);
    }

    private async Task RunSessionAsync(StreamSession session, CancellationToken aborted)
    {
        Streams.Add(session);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stop.Token);
        var pump = session.PumpAsync(() => Faults.WsStall, linked.Token);
        var buffer = new byte[8192];
        try
        {
            while (session.Socket.State == WebSocketState.Open)
            {
                var received = await session.Socket.ReceiveAsync(buffer, linked.Token).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await session.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                    break;
                }

                if (received.EndOfMessage && received.MessageType == WebSocketMessageType.Text)
                {
                    HandleControl(session, buffer.AsSpan(0, received.Count));
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Dropped or stopped: the session just ends.
        }
        finally
        {
            Streams.Remove(session);
            session.Complete();
            try
            {
                await pump.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException or IOException)
            {
                // The socket went away under the pump; the session is over either way.
            }
        }
    }

    /// <summary>Binance WS control messages: SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS; answered {"result":..,"id":..}.</summary>
    private static void HandleControl(StreamSession session, ReadOnlySpan<byte> message)
    {
        try
        {
            using var doc = JsonDocument.Parse(message.ToArray());
            var root = doc.RootElement;
            var method = root.GetProperty("method").GetString();
            var id = root.TryGetProperty("id", out var idElement) ? idElement.GetRawText() : "null";
            var streams = root.TryGetProperty("params", out var ps) && ps.ValueKind == JsonValueKind.Array
                ? ps.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList()
                : [];
            switch (method)
            {
                case "SUBSCRIBE":
                    streams.ForEach(session.Subscribe);
                    session.Enqueue($"{{\"result\":null,\"id\":{id}}}");
                    break;
                case "UNSUBSCRIBE":
                    streams.ForEach(session.Unsubscribe);
                    session.Enqueue($"{{\"result\":null,\"id\":{id}}}");
                    break;
                case "LIST_SUBSCRIPTIONS":
                    session.Enqueue($"{{\"result\":{JsonSerializer.Serialize(session.Streams)},\"id\":{id}}}");
                    break;
                default:
                    session.Enqueue($"{{\"code\":2,\"msg\":\"Invalid request: unknown method\",\"id\":{id}}}");
                    break;
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            session.Enqueue("{\"code\":3,\"msg\":\"Invalid JSON\",\"id\":null}");
        }
    }

    // ---- admin ---------------------------------------------------------------------------------------

    private async Task AdminAsync(HttpContext ctx, string path)
    {
        if (path == "/admin/orders")
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(OrderAudit.ToJson(), ctx.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(ctx.RequestAborted).ConfigureAwait(false);
        JsonElement args = default;
        if (body.Length > 0)
        {
            try
            {
                args = JsonDocument.Parse(body).RootElement;
            }
            catch (JsonException)
            {
                ctx.Response.StatusCode = 400;
                await ctx.Response.WriteAsync("{\"error\":\"body is not JSON\"}").ConfigureAwait(false);
                return;
            }
        }

        string Str(string name) => args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var v) ? v.ToString() : string.Empty;
        decimal Num(string name) => decimal.TryParse(Str(name), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0m;
        bool Has(string name) => args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out _);

        switch (path)
        {
            case "/admin/faults":
                if (Has("restDelayMs"))
                {
                    Faults.RestDelay = TimeSpan.FromMilliseconds((double)Num("restDelayMs"));
                }

                if (Has("rest500Count"))
                {
                    Faults.Rest500Remaining = (int)Num("rest500Count");
                }

                if (Has("clockSkewMs"))
                {
                    Faults.ClockSkewMs = (long)Num("clockSkewMs");
                }

                if (Has("wsStall"))
                {
                    Faults.WsStall = Str("wsStall").Equals("true", StringComparison.OrdinalIgnoreCase);
                }

                if (Has("refuseConnect"))
                {
                    Faults.RefuseConnect = Str("refuseConnect").Equals("true", StringComparison.OrdinalIgnoreCase);
                }

                if (Has("partialFills"))
                {
                    Engine.PartialFills = Str("partialFills").Equals("true", StringComparison.OrdinalIgnoreCase);
                }

                if (Has("orderUnknownCount"))
                {
                    Faults.OrderUnknownRemaining = (int)Num("orderUnknownCount");
                }

                if (Has("badJsonCount"))
                {
                    Faults.BadJsonRemaining = (int)Num("badJsonCount");
                }

                if (Has("holdAlgoOrders"))
                {
                    if (Str("holdAlgoOrders").Equals("true", StringComparison.OrdinalIgnoreCase))
                    {
                        Faults.HoldAlgoOrders();
                    }
                    else
                    {
                        Faults.ReleaseAlgoOrders();
                    }
                }

                break;
            case "/admin/raw-frame":
                InjectRawFrame(Str("stream"), Str("frame"));
                break;
            case "/admin/drop-sockets":
                DropSockets();
                break;
            case "/admin/force-order":
                InjectForceOrder(Str("symbol"), Str("side"), Num("price"), Num("quantity"));
                break;
            case "/admin/open-interest":
                Engine.SetOpenInterest(Str("symbol"), Num("openInterest"));
                break;
            case "/admin/expire-listen-key":
                ExpireListenKeys();
                break;
            case "/admin/price":
                if (Has("price"))
                {
                    PublishTrade(Str("symbol"), Num("price"), Has("quantity") ? Num("quantity") : 0.001m, Engine.NowMs);
                }

                if (Has("mark"))
                {
                    Engine.OnMarkPrice(Str("symbol"), Num("mark"));
                }

                break;
            default:
                ctx.Response.StatusCode = 404;
                return;
        }

        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync("{\"ok\":true}").ConfigureAwait(false);
    }

    // The engine's own answer is audited (an injected "unknown outcome" 503 still placed the order).
    private void Audit(HttpContext ctx, string route, Dictionary<string, string> p, EngineResult result) =>
        OrderAudit.Record(new AuditedOrder(
            _options.Time.GetUtcNow().ToUnixTimeMilliseconds(),
            ctx.Connection.RemotePort,
            route,
            p.GetValueOrDefault("symbol") ?? string.Empty,
            p.GetValueOrDefault(route == "algo" ? "clientAlgoId" : "newClientOrderId") ?? string.Empty,
            p.GetValueOrDefault("side") ?? string.Empty,
            p.GetValueOrDefault("type") ?? string.Empty,
            string.Equals(p.GetValueOrDefault("reduceOnly"), "true", StringComparison.OrdinalIgnoreCase),
            string.Equals(p.GetValueOrDefault("closePosition"), "true", StringComparison.OrdinalIgnoreCase),
            result.HttpStatus,
            OrderAudit.CodeOf(result)));

    /// <summary>The first half of a JSON answer (at least one character cut): never a complete document.</summary>
    private static string Truncated(string json) => json.Length <= 1 ? string.Empty : json[..(json.Length / 2)];

    private static Dictionary<string, string> Parse(string query, string body)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (query + "&" + body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq > 0)
            {
                result[Uri.UnescapeDataString(part[..eq])] = Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            }
        }

        return result;
    }

    private static long? Long(IReadOnlyDictionary<string, string> p, string key) =>
        p.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
