using System.Globalization;
using System.Net;
using System.Text;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;

namespace ActorBot.Venues.Binance.Rest;

/// <summary>
/// Binance USDⓈ-M REST gateway: HMAC-SHA256 signing with timestamp + recvWindow on a server-time offset
/// kept fresh (periodically, and on −1021 followed by one retry); a weight limiter fed by the venue's
/// headers; 429 honours Retry-After; 418 stops all requests until the ban ends and reports
/// <see cref="VenueStatus.Disabled"/>; 5xx and timeouts are retried with jittered backoff for idempotent
/// requests only. A new order is never re-sent blindly: on an unknown outcome it is looked up by
/// <c>origClientOrderId</c> first. Every call returns a <see cref="RestResult{T}"/>; none throws for venue errors.
/// </summary>
public sealed partial class BinanceRestClient
{
    /// <summary>418: Binance's IP ban (not in <see cref="HttpStatusCode"/>).</summary>
    private const HttpStatusCode Teapot = (HttpStatusCode)418;

    private readonly HttpClient _http;
    private readonly BinanceRestOptions _options;
    private readonly BinanceCredentials? _credentials;
    private readonly RestDecoder _decoder;
    private readonly DepthSnapshotDecoder _depthDecoder;
    private readonly TimeProvider _time;
    private readonly Random _jitter;
    private readonly object _gate = new();
    private DateTimeOffset _rateLimitedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _bannedUntil = DateTimeOffset.MinValue;
    private VenueStatus _status = VenueStatus.Healthy;
    private long _timeResyncs;
    private long _retries;
    private long _orderLookups;

    public BinanceRestClient(
        HttpClient http,
        BinanceRestOptions options,
        BinanceCredentials? credentials,
        DecodeErrorCounter errors,
        TimeProvider? time = null,
        Random? jitter = null)
    {
        _http = http;
        _options = options;
        _credentials = credentials;
        _decoder = new RestDecoder(errors);
        _depthDecoder = new DepthSnapshotDecoder(errors);
        _time = time ?? TimeProvider.System;
        _jitter = jitter ?? new Random();
        Clock = new ServerClock(_time);
        Limiter = new WeightLimiter(options.WeightLimitPerMinute, options.WeightShare, weightWindow: options.WeightWindow);
    }

    public event Action<VenueStatus>? StatusChanged;

    public ServerClock Clock { get; }

    public WeightLimiter Limiter { get; }

    public VenueStatus Status
    {
        get
        {
            lock (_gate)
            {
                RefreshBan();
                return _status;
            }
        }
    }

    public DateTimeOffset BannedUntil
    {
        get
        {
            lock (_gate)
            {
                return _bannedUntil;
            }
        }
    }

    /// <summary>Server-time resyncs triggered by −1021 (periodic refreshes not counted).</summary>
    public long TimeResyncs => Interlocked.Read(ref _timeResyncs);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Orders looked up by client order id after an unknown outcome.</summary>
    public long OrderLookups => Interlocked.Read(ref _orderLookups);

    // ---- market data (unsigned) ----------------------------------------------------------------

    public async Task<RestResult<ServerTime>> SyncTimeAsync(CancellationToken ct = default)
    {
        var sent = Clock.LocalNowMs;
        var result = await SendAsync(HttpMethod.Get, "/fapi/v1/time", [], false, 1, false, true, Decode<ServerTime>(_decoder.TryServerTime), ct).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            Clock.Update(sent, Clock.LocalNowMs, result.Value!.ServerTimeMs);
        }

        return result;
    }

    /// <summary>exchangeInfo; on success its rateLimits become the limiter's limits (never hard-coded).</summary>
    public async Task<RestResult<ExchangeInfo>> GetExchangeInfoAsync(CancellationToken ct = default)
    {
        var result = await SendAsync(HttpMethod.Get, "/fapi/v1/exchangeInfo", [], false, 1, false, true, Decode<ExchangeInfo>(_decoder.TryExchangeInfo), ct).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            var limits = result.Value!.RateLimits;
            var weight = limits.FirstOrDefault(l => l.Type == "REQUEST_WEIGHT" && l.Interval == "MINUTE");
            var orders10s = limits.FirstOrDefault(l => l.Type == "ORDERS" && l.Interval == "SECOND" && l.IntervalNum == 10);
            var orders1m = limits.FirstOrDefault(l => l.Type == "ORDERS" && l.Interval == "MINUTE");
            Limiter.SetLimits(weight?.Limit ?? _options.WeightLimitPerMinute, orders10s?.Limit ?? 300, orders1m?.Limit ?? 1200);
        }

        return result;
    }

    public Task<RestResult<DepthSnapshot>> GetDepthAsync(string symbol, int limit = 1000, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "/fapi/v1/depth", [("symbol", symbol), ("limit", Int(limit))], false, DepthWeight(limit), false, true,
            Decode<DepthSnapshot>(_depthDecoder.TryDecode), ct);

    public Task<RestResult<KlineList>> GetKlinesAsync(string symbol, string interval, long? startTimeMs = null, long? endTimeMs = null, int limit = 500, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "/fapi/v1/klines",
            Params(("symbol", symbol), ("interval", interval), ("startTime", Opt(startTimeMs)), ("endTime", Opt(endTimeMs)), ("limit", Int(limit))),
            false, limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10, false, true, Decode<KlineList>(_decoder.TryKlines), ct);

    public Task<RestResult<IReadOnlyList<RestAggTrade>>> GetAggTradesAsync(string symbol, long? fromId = null, long? startTimeMs = null, long? endTimeMs = null, int limit = 500, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "/fapi/v1/aggTrades",
            Params(("symbol", symbol), ("fromId", Opt(fromId)), ("startTime", Opt(startTimeMs)), ("endTime", Opt(endTimeMs)), ("limit", Int(limit))),
            false, 20, false, true, Decode<IReadOnlyList<RestAggTrade>>(_decoder.TryAggTrades), ct);

    public Task<RestResult<OpenInterest>> GetOpenInterestAsync(string symbol, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "/fapi/v1/openInterest", [("symbol", symbol)], false, 1, false, true, Decode<OpenInterest>(_decoder.TryOpenInterest), ct);

    public Task<RestResult<PremiumIndex>> GetPremiumIndexAsync(string symbol, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "/fapi/v1/premiumIndex", [("symbol", symbol)], false, 1, false, true, Decode<PremiumIndex>(_decoder.TryPremiumIndex), ct);

    // ---- trading and account (signed) --------------------------------------------------------

    /// <summary>
    /// Places an order. On timeout, 5xx, lost connection or −1006/−1007 its fate is unknown: the order is
    /// queried by client order id; found → that is the answer; −2013 (not there) → sent once more with the
    /// same client order id (the venue rejects a duplicate); otherwise → <see cref="RestFailureKind.InDoubt"/>.
    /// </summary>
    public async Task<RestResult<OrderResponse>> PlaceOrderAsync(NewOrder order, CancellationToken ct = default)
    {
        var result = await SendOrderOnceAsync(order, ct).ConfigureAwait(false);
        if (!IsUnknownOutcome(result))
        {
            return result;
        }

        Interlocked.Increment(ref _orderLookups);
        var lookup = await QueryOrderAsync(order.Symbol, order.ClientOrderId, ct).ConfigureAwait(false);
        if (lookup.IsSuccess)
        {
            return lookup;
        }

        if (lookup.Error?.Code == BinanceError.NoSuchOrder)
        {
            var again = await SendOrderOnceAsync(order, ct).ConfigureAwait(false);
            return IsUnknownOutcome(again) ? RestResult<OrderResponse>.Fail(RestFailureKind.InDoubt, again.Status, again.Error) : again;
        }

        return RestResult<OrderResponse>.Fail(RestFailureKind.InDoubt, lookup.Status, lookup.Error);
    }

    public Task<RestResult<OrderResponse>> QueryOrderAsync(string symbol, string clientOrderId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "/fapi/v1/order", [("symbol", symbol), ("origClientOrderId", clientOrderId)], true, 1, false, true,
            Decode<OrderResponse>(_decoder.TryOrder), ct);

    public Task<RestResult<OrderResponse>> CancelOrderAsync(string symbol, string clientOrderId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, "/fapi/v1/order", [("symbol", symbol), ("origClientOrderId", clientOrderId)], true, 1, false, true,
            Decode<OrderResponse>(_decoder.TryOrder), ct);

    public Task<RestResult<IReadOnlyList<OrderResponse>>> GetOpenOrdersAsync(string? symbol = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "/fapi/v1/openOrders", Params(("symbol", symbol)), true, symbol is null ? 40 : 1, false, true,
            Decode<IReadOnlyList<OrderResponse>>(_decoder.TryOrders), ct);

    public Task<RestResult<IReadOnlyList<PositionRisk>>> GetPositionRiskAsync(string? symbol = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "/fapi/v2/positionRisk", Params(("symbol", symbol)), true, 5, false, true,
            Decode<IReadOnlyList<PositionRisk>>(_decoder.TryPositionRisk), ct);

    public Task<RestResult<AccountInfo>> GetAccountAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "/fapi/v2/account", [], true, 5, false, true, Decode<AccountInfo>(_decoder.TryAccount), ct);

    public Task<RestResult<IReadOnlyList<AssetBalance>>> GetBalancesAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "/fapi/v2/balance", [], true, 5, false, true, Decode<IReadOnlyList<AssetBalance>>(_decoder.TryBalances), ct);

    public Task<RestResult<ListenKeyResponse>> CreateListenKeyAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "/fapi/v1/listenKey", [], false, 1, false, true, Decode<ListenKeyResponse>(_decoder.TryListenKey), ct, apiKeyOnly: true);

    public Task<RestResult<ListenKeyResponse>> KeepAliveListenKeyAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, "/fapi/v1/listenKey", [], false, 1, false, true, Decode<ListenKeyResponse>(_decoder.TryListenKey), ct, apiKeyOnly: true);

    public Task<RestResult<ListenKeyResponse>> CloseListenKeyAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, "/fapi/v1/listenKey", [], false, 1, false, true, _ => (true, new ListenKeyResponse(string.Empty)), ct, apiKeyOnly: true);

    // ---- the request pipeline --------------------------------------------------------------------

    private Task<RestResult<OrderResponse>> SendOrderOnceAsync(NewOrder order, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "/fapi/v1/order", OrderParams(order), true, 0, true, false, Decode<OrderResponse>(_decoder.TryOrder), ct);

    private static bool IsUnknownOutcome<T>(RestResult<T> result)
        where T : class =>
        result.Failure is RestFailureKind.Timeout or RestFailureKind.ServerError or RestFailureKind.Transport or RestFailureKind.Malformed
        || (result.Failure == RestFailureKind.Rejected && result.Error?.Code is -1006 or BinanceError.Timeout);

    private async Task<RestResult<T>> SendAsync<T>(
        HttpMethod method,
        string path,
        IReadOnlyList<(string Key, string Value)> parameters,
        bool signed,
        int weight,
        bool isOrder,
        bool idempotent,
        Func<byte[], (bool Ok, T? Value)> decode,
        CancellationToken ct,
        bool apiKeyOnly = false)
        where T : class
    {
        var resynced = false;
        for (var attempt = 0; ; attempt++)
        {
            DateTimeOffset waitUntil;
            lock (_gate)
            {
                RefreshBan();
                if (_status == VenueStatus.Disabled)
                {
                    return RestResult<T>.Fail(RestFailureKind.Banned, Teapot, retryAfter: _bannedUntil - _time.GetUtcNow());
                }

                waitUntil = _rateLimitedUntil;
            }

            var now = _time.GetUtcNow();
            if (waitUntil > now)
            {
                if (waitUntil - now > _options.MaxInCallRateLimitWait)
                {
                    return RestResult<T>.Fail(RestFailureKind.RateLimited, HttpStatusCode.TooManyRequests, retryAfter: waitUntil - now);
                }

                await Task.Delay(waitUntil - now, _time, ct).ConfigureAwait(false);
            }

            var limiterWait = Limiter.TryReserve(weight, isOrder, Clock.LocalNowMs);
            while (limiterWait > TimeSpan.Zero)
            {
                await Task.Delay(limiterWait, _time, ct).ConfigureAwait(false);
                limiterWait = Limiter.TryReserve(weight, isOrder, Clock.LocalNowMs);
            }

            if (signed && Clock.IsStale(_options.ClockRefreshInterval))
            {
                await SyncTimeAsync(ct).ConfigureAwait(false);
            }

            using var request = BuildRequest(method, path, parameters, signed, apiKeyOnly);
            HttpResponseMessage response;
            byte[] body;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.RequestTimeout);
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                if (idempotent && attempt < _options.MaxRetries)
                {
                    await BackoffAsync(attempt, ct).ConfigureAwait(false);
                    continue;
                }

                return RestResult<T>.Fail(RestFailureKind.Timeout);
            }
            catch (HttpRequestException)
            {
                if (idempotent && attempt < _options.MaxRetries)
                {
                    await BackoffAsync(attempt, ct).ConfigureAwait(false);
                    continue;
                }

                return RestResult<T>.Fail(RestFailureKind.Transport);
            }

            using (response)
            {
                Limiter.Observe(Clock.LocalNowMs, Header(response, "X-MBX-USED-WEIGHT-1M"), Header(response, "X-MBX-ORDER-COUNT-10S"), Header(response, "X-MBX-ORDER-COUNT-1M"));
                var status = response.StatusCode;
                if (status == HttpStatusCode.OK)
                {
                    var (ok, value) = decode(body);
                    return ok ? RestResult<T>.Ok(value!) : RestResult<T>.Fail(RestFailureKind.Malformed, status);
                }

                var retryAfter = RetryAfter(response);
                if (status == Teapot)
                {
                    lock (_gate)
                    {
                        _bannedUntil = _time.GetUtcNow() + (retryAfter ?? TimeSpan.FromMinutes(2));
                        SetStatus(VenueStatus.Disabled);
                    }

                    return RestResult<T>.Fail(RestFailureKind.Banned, status, ErrorOf(body), retryAfter);
                }

                if (status == HttpStatusCode.TooManyRequests)
                {
                    var wait = retryAfter ?? TimeSpan.FromSeconds(1);
                    lock (_gate)
                    {
                        var until = _time.GetUtcNow() + wait;
                        _rateLimitedUntil = until > _rateLimitedUntil ? until : _rateLimitedUntil;
                    }

                    // A 429 is a rejection, not an execution: the loop head waits it out (or returns RateLimited).
                    if (attempt < _options.MaxRetries && wait <= _options.MaxInCallRateLimitWait)
                    {
                        Interlocked.Increment(ref _retries);
                        continue;
                    }

                    return RestResult<T>.Fail(RestFailureKind.RateLimited, status, ErrorOf(body), wait);
                }

                if ((int)status >= 500)
                {
                    if (idempotent && attempt < _options.MaxRetries)
                    {
                        await BackoffAsync(attempt, ct).ConfigureAwait(false);
                        continue;
                    }

                    return RestResult<T>.Fail(RestFailureKind.ServerError, status, ErrorOf(body));
                }

                var error = ErrorOf(body);
                if (error?.Code == BinanceError.InvalidTimestamp && signed && !resynced)
                {
                    // −1021 means rejected before execution: resync the clock and try once more, orders included.
                    resynced = true;
                    Interlocked.Increment(ref _timeResyncs);
                    await SyncTimeAsync(ct).ConfigureAwait(false);
                    attempt--;
                    continue;
                }

                return RestResult<T>.Fail(RestFailureKind.Rejected, status, error);
            }
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, string path, IReadOnlyList<(string Key, string Value)> parameters, bool signed, bool apiKeyOnly)
    {
        var query = new StringBuilder();
        foreach (var (key, value) in parameters)
        {
            Append(query, key, value);
        }

        if (signed)
        {
            if (_credentials is null)
            {
                throw new InvalidOperationException("signed endpoint called without credentials");
            }

            Append(query, "recvWindow", Int(_options.RecvWindowMs));
            Append(query, "timestamp", Int(Clock.NowMs));
            Append(query, "signature", RequestSigner.Sign(_credentials.Secret, query.ToString()));
        }

        var uri = new Uri(_options.BaseAddress, query.Length == 0 ? path : $"{path}?{query}");
        var request = new HttpRequestMessage(method, uri);
        if ((signed || apiKeyOnly) && _credentials is not null)
        {
            request.Headers.TryAddWithoutValidation("X-MBX-APIKEY", _credentials.ApiKey);
        }

        return request;
    }

    private async Task BackoffAsync(int attempt, CancellationToken ct)
    {
        Interlocked.Increment(ref _retries);
        double factor;
        lock (_jitter)
        {
            factor = 0.5 + (_jitter.NextDouble() * 0.5);
        }

        var delay = TimeSpan.FromMilliseconds(_options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt) * factor);
        await Task.Delay(delay, _time, ct).ConfigureAwait(false);
    }

    private void RefreshBan()
    {
        if (_status == VenueStatus.Disabled && _time.GetUtcNow() >= _bannedUntil)
        {
            SetStatus(VenueStatus.Healthy);
        }
    }

    private void SetStatus(VenueStatus status)
    {
        if (_status != status)
        {
            _status = status;
            StatusChanged?.Invoke(status);
        }
    }

    private BinanceError? ErrorOf(byte[] body) =>
        body.Length > 0 && body[0] == (byte)'{' && _decoder.TryError(body, out var error, out _) ? error : null;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta
        ?? (response.Headers.TryGetValues("Retry-After", out var values) && int.TryParse(values.FirstOrDefault(), out var s) ? TimeSpan.FromSeconds(s) : null);

    private static int? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static Func<byte[], (bool, T?)> Decode<T>(TryDecodeDelegate<T> decoder)
        where T : class => body =>
        {
            var ok = decoder(body, out var value, out _);
            return (ok, value);
        };

    private delegate bool TryDecodeDelegate<T>(ReadOnlySpan<byte> json, out T? value, out DecodeError error);

    private static IReadOnlyList<(string, string)> OrderParams(NewOrder o) => Params(
        ("symbol", o.Symbol),
        ("side", o.Side),
        ("type", o.Type),
        ("timeInForce", o.TimeInForce),
        ("quantity", Dec(o.Quantity)),
        ("price", Dec(o.Price)),
        ("stopPrice", Dec(o.StopPrice)),
        ("workingType", o.WorkingType),
        ("reduceOnly", o.ReduceOnly ? "true" : null),
        ("closePosition", o.ClosePosition ? "true" : null),
        ("newClientOrderId", o.ClientOrderId));

    private static IReadOnlyList<(string, string)> Params(params (string Key, string? Value)[] items) =>
        items.Where(i => i.Value is not null).Select(i => (i.Key, i.Value!)).ToList();

    private static void Append(StringBuilder query, string key, string value)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(key).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static int DepthWeight(int limit) => limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Opt(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Dec(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
