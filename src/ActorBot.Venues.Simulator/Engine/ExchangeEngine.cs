using System.Globalization;
using System.Text.Json;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Venues.Simulator.Engine;

/// <summary>
/// The simulated USDⓈ-M exchange: orders (MARKET, LIMIT GTC/IOC/GTX, reduceOnly), conditional orders through
/// the Algo Order API only (STOP_MARKET / TAKE_PROFIT_MARKET with workingType MARK_PRICE/CONTRACT_PRICE,
/// reduceOnly or closePosition — see <c>ExchangeEngine.Algo.cs</c>; <c>/fapi/v1/order</c> refuses them with
/// −4120 as Binance does since 2025-12-09), one-way positions, leverage, a USDT
/// balance, maker/taker fees, and user-data events. Prices come from the replayed market data
/// (<see cref="OnTrade"/>, <see cref="OnBookTicker"/>, <see cref="OnMarkPrice"/>). Errors use Binance's codes.
/// One lock guards all state: the simulator favours obvious correctness over throughput.
/// </summary>
public sealed partial class ExchangeEngine
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SymbolSpec> _specs;
    private readonly Dictionary<string, MarketState> _markets = new();
    private readonly Dictionary<long, SimOrder> _orders = new();
    private readonly Dictionary<string, SimPosition> _positions = new();
    private long _nextOrderId = 1000;
    private long _nextTradeId = 1;
    private decimal _walletBalance;

    public ExchangeEngine(IEnumerable<SymbolSpec> symbols, decimal initialBalance, TimeProvider time, decimal makerFee = 0.0002m, decimal takerFee = 0.0004m)
    {
        _specs = symbols.ToDictionary(s => s.Symbol, StringComparer.Ordinal);
        _walletBalance = initialBalance;
        _time = time;
        MakerFee = makerFee;
        TakerFee = takerFee;
    }

    /// <summary>User-data events (ORDER_TRADE_UPDATE, ACCOUNT_UPDATE, TRADE_LITE) as JSON; the host fans them out.</summary>
    public event Action<string>? UserEvent;

    /// <summary>Fills split in two when set (fault injection: partial fills).</summary>
    public bool PartialFills { get; set; }

    public decimal MakerFee { get; }

    public decimal TakerFee { get; }

    public IReadOnlyCollection<SymbolSpec> Symbols => _specs.Values;

    public long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public bool IsKnownSymbol(string symbol) => _specs.ContainsKey(symbol);

    public void AddSymbol(SymbolSpec spec)
    {
        lock (_gate)
        {
            _specs.TryAdd(spec.Symbol, spec);
        }
    }

    // ---- market inputs ---------------------------------------------------------------------

    public void OnTrade(string symbol, decimal price, decimal quantity = 0)
    {
        lock (_gate)
        {
            var m = Market(symbol);
            m.LastPrice = price;
            if (!m.MarkFed)
            {
                // No markPrice feed for this symbol (a trades-only recording): the mark follows the last trade,
                // so MARK_PRICE triggers still move.
                m.Mark = price;
            }

            FillRestingLimits(symbol, price);
            TriggerAlgos(symbol);
        }
    }

    public void OnBookTicker(string symbol, decimal bid, decimal ask)
    {
        lock (_gate)
        {
            var m = Market(symbol);
            m.BestBid = bid;
            m.BestAsk = ask;
        }
    }

    public void OnMarkPrice(string symbol, decimal mark, decimal? index = null, decimal? fundingRate = null, long? nextFundingMs = null)
    {
        lock (_gate)
        {
            var m = Market(symbol);
            m.Mark = mark;
            m.MarkFed = true;
            m.Index = index ?? mark;
            m.FundingRate = fundingRate ?? m.FundingRate;
            m.NextFundingMs = nextFundingMs ?? m.NextFundingMs;
            TriggerAlgos(symbol);
        }
    }

    public void SetOpenInterest(string symbol, decimal openInterest)
    {
        lock (_gate)
        {
            Market(symbol).OpenInterest = openInterest;
        }
    }

    // ---- REST: market data ----------------------------------------------------------------

    public EngineResult OpenInterest(string symbol)
    {
        lock (_gate)
        {
            if (!_specs.ContainsKey(symbol))
            {
                return EngineResult.Error(-1121, "Invalid symbol.");
            }

            var m = Market(symbol);
            return new EngineResult(200, JsonText.Write(w =>
            {
                w.WriteStartObject();
                w.WriteDecimal("openInterest", m.OpenInterest);
                w.WriteString("symbol", symbol);
                w.WriteNumber("time", NowMs);
                w.WriteEndObject();
            }));
        }
    }

    public EngineResult PremiumIndex(string symbol)
    {
        lock (_gate)
        {
            if (!_specs.ContainsKey(symbol))
            {
                return EngineResult.Error(-1121, "Invalid symbol.");
            }

            var m = Market(symbol);
            var mark = m.Mark ?? m.LastPrice ?? 0m;
            return new EngineResult(200, JsonText.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("symbol", symbol);
                w.WriteDecimal("markPrice", mark);
                w.WriteDecimal("indexPrice", m.Index ?? mark);
                w.WriteDecimal("estimatedSettlePrice", m.Index ?? mark);
                w.WriteDecimal("lastFundingRate", m.FundingRate);
                w.WriteDecimal("interestRate", 0.0001m);
                w.WriteNumber("nextFundingTime", m.NextFundingMs);
                w.WriteNumber("time", NowMs);
                w.WriteEndObject();
            }));
        }
    }

    // ---- REST: trading --------------------------------------------------------------------

    public EngineResult PlaceOrder(IReadOnlyDictionary<string, string> p)
    {
        lock (_gate)
        {
            if (!p.TryGetValue("symbol", out var symbol) || !p.TryGetValue("side", out var side) || !p.TryGetValue("type", out var type))
            {
                return EngineResult.Error(-1102, "Mandatory parameter 'symbol', 'side' or 'type' was not sent, was empty/null, or malformed.");
            }

            if (!_specs.ContainsKey(symbol))
            {
                return EngineResult.Error(-1121, "Invalid symbol.");
            }

            if (side is not ("BUY" or "SELL"))
            {
                return EngineResult.Error(-1117, "Invalid side.");
            }

            if (AlgoOnlyTypes.Contains(type))
            {
                return EngineResult.Error(BinanceError.ConditionalNeedsAlgoApi, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");
            }

            if (type is not ("MARKET" or "LIMIT"))
            {
                return EngineResult.Error(-1116, "Invalid orderType.");
            }

            var clientOrderId = p.GetValueOrDefault("newClientOrderId") ?? $"sim-{_nextOrderId + 1}";
            if (_orders.Values.Any(o => o.IsOpen && o.ClientOrderId == clientOrderId))
            {
                return EngineResult.Error(-4116, "ClientOrderId is duplicated.");
            }

            var closePosition = p.GetValueOrDefault("closePosition") == "true";
            var reduceOnly = p.GetValueOrDefault("reduceOnly") == "true";
            var quantity = Dec(p, "quantity");
            var price = Dec(p, "price");
            var tif = p.GetValueOrDefault("timeInForce") ?? "GTC";
            if (quantity is null && !closePosition)
            {
                return EngineResult.Error(-1102, "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed.");
            }

            if (quantity is <= 0)
            {
                return EngineResult.Error(-4003, "Quantity less than or equal to zero.");
            }

            if (type == "LIMIT" && (price is null or <= 0 || tif is not ("GTC" or "IOC" or "GTX")))
            {
                return EngineResult.Error(-1102, "Mandatory parameter 'price' or 'timeInForce' was not sent, was empty/null, or malformed.");
            }

            if (closePosition)
            {
                return EngineResult.Error(-1106, "Parameter 'closePosition' sent when not required.");
            }

            var order = new SimOrder
            {
                OrderId = ++_nextOrderId,
                Symbol = symbol,
                ClientOrderId = clientOrderId,
                Side = side,
                Type = type,
                TimeInForce = type == "LIMIT" ? tif : "GTC",
                Quantity = quantity ?? 0m,
                Price = price ?? 0m,
                StopPrice = 0m,
                WorkingType = "CONTRACT_PRICE",
                ReduceOnly = reduceOnly || closePosition,
                ClosePosition = closePosition,
                TimeMs = NowMs,
                UpdateTimeMs = NowMs,
            };

            if (order.ReduceOnly && !closePosition)
            {
                var position = Position(symbol).Amount;
                var reduces = (side == "SELL" && position > 0) || (side == "BUY" && position < 0);
                if (!reduces)
                {
                    return EngineResult.Error(-2022, "ReduceOnly Order is rejected.");
                }

                order.Quantity = Math.Min(order.Quantity, Math.Abs(position));
            }

            _orders[order.OrderId] = order;
            Emit(order, "NEW", 0, 0, false);
            switch (type)
            {
                case "MARKET":
                    ExecuteAsTaker(order);
                    break;
                case "LIMIT":
                    HandleLimit(order);
                    break;
            }

            return new EngineResult(200, OrderJson(order));
        }
    }

    public EngineResult QueryOrder(IReadOnlyDictionary<string, string> p)
    {
        lock (_gate)
        {
            var order = Find(p);
            return order is null ? EngineResult.Error(-2013, "Order does not exist.") : new EngineResult(200, OrderJson(order));
        }
    }

    public EngineResult CancelOrder(IReadOnlyDictionary<string, string> p)
    {
        lock (_gate)
        {
            var order = Find(p);
            if (order is null || !order.IsOpen)
            {
                return EngineResult.Error(-2011, "Unknown order sent.");
            }

            order.Status = "CANCELED";
            order.UpdateTimeMs = NowMs;
            Emit(order, "CANCELED", 0, 0, false);
            return new EngineResult(200, OrderJson(order));
        }
    }

    public EngineResult OpenOrders(string? symbol)
    {
        lock (_gate)
        {
            var open = _orders.Values.Where(o => o.IsOpen && (symbol is null || o.Symbol == symbol)).OrderBy(o => o.OrderId).ToList();
            return new EngineResult(200, "[" + string.Join(",", open.Select(OrderJson)) + "]");
        }
    }

    public EngineResult SetLeverage(IReadOnlyDictionary<string, string> p)
    {
        lock (_gate)
        {
            if (!p.TryGetValue("symbol", out var symbol) || !_specs.ContainsKey(symbol))
            {
                return EngineResult.Error(-1121, "Invalid symbol.");
            }

            if (!int.TryParse(p.GetValueOrDefault("leverage"), NumberStyles.None, CultureInfo.InvariantCulture, out var leverage) || leverage is < 1 or > 125)
            {
                return EngineResult.Error(-4028, "Leverage is not valid.");
            }

            Position(symbol).Leverage = leverage;
            return new EngineResult(200, $"{{\"leverage\":{leverage},\"maxNotionalValue\":\"1000000\",\"symbol\":\"{symbol}\"}}");
        }
    }

    /// <summary>
    /// <c>POST /fapi/v1/marginType</c>: ISOLATED or CROSSED. Like the venue: the same type again is −4046 "No need to
    /// change margin type.", and a change while the symbol holds a position is −4048.
    /// </summary>
    public EngineResult SetMarginType(IReadOnlyDictionary<string, string> p)
    {
        lock (_gate)
        {
            if (!p.TryGetValue("symbol", out var symbol) || !_specs.ContainsKey(symbol))
            {
                return EngineResult.Error(-1121, "Invalid symbol.");
            }

            var wanted = p.GetValueOrDefault("marginType") switch
            {
                "ISOLATED" => "isolated",
                "CROSSED" => "cross",
                _ => null,
            };
            if (wanted is null)
            {
                return EngineResult.Error(-1130, "Data sent for parameter 'marginType' is not valid.");
            }

            var pos = Position(symbol);
            if (pos.MarginType == wanted)
            {
                return EngineResult.Error(-4046, "No need to change margin type.");
            }

            if (pos.Amount != 0)
            {
                return EngineResult.Error(-4048, "Margin type cannot be changed if there exists position.");
            }

            pos.MarginType = wanted;
            return new EngineResult(200, "{\"code\":200,\"msg\":\"success\"}");
        }
    }

    /// <summary>A symbol's leverage and margin type ("cross" / "isolated") as the venue holds them (tests).</summary>
    public (int Leverage, string MarginType) MarginSettings(string symbol)
    {
        lock (_gate)
        {
            var pos = Position(symbol);
            return (pos.Leverage, pos.MarginType);
        }
    }

    public EngineResult PositionRisk(string? symbol)
    {
        lock (_gate)
        {
            var symbols = symbol is null ? _specs.Keys.OrderBy(s => s, StringComparer.Ordinal).ToList() : [symbol];
            return new EngineResult(200, JsonText.Write(w =>
            {
                w.WriteStartArray();
                foreach (var s in symbols)
                {
                    var pos = Position(s);
                    var mark = Market(s).Mark ?? Market(s).LastPrice ?? 0m;
                    w.WriteStartObject();
                    w.WriteString("symbol", s);
                    w.WriteDecimal("positionAmt", pos.Amount);
                    w.WriteDecimal("entryPrice", pos.EntryPrice);
                    w.WriteDecimal("markPrice", mark);
                    w.WriteDecimal("unRealizedProfit", Unrealized(s));
                    w.WriteDecimal("liquidationPrice", 0m);
                    w.WriteString("leverage", pos.Leverage.ToString(CultureInfo.InvariantCulture));
                    w.WriteString("marginType", pos.MarginType);
                    w.WriteString("positionSide", "BOTH");
                    w.WriteNumber("updateTime", pos.UpdateTimeMs);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }));
        }
    }

    public EngineResult Balances()
    {
        lock (_gate)
        {
            var available = _walletBalance + _specs.Keys.Sum(Unrealized);
            return new EngineResult(200, JsonText.Write(w =>
            {
                w.WriteStartArray();
                w.WriteStartObject();
                w.WriteString("accountAlias", "sim");
                w.WriteString("asset", "USDT");
                w.WriteDecimal("balance", _walletBalance);
                w.WriteDecimal("crossWalletBalance", _walletBalance);
                w.WriteDecimal("crossUnPnl", _specs.Keys.Sum(Unrealized));
                w.WriteDecimal("availableBalance", available);
                w.WriteDecimal("maxWithdrawAmount", available);
                w.WriteBoolean("marginAvailable", true);
                w.WriteNumber("updateTime", NowMs);
                w.WriteEndObject();
                w.WriteEndArray();
            }));
        }
    }

    public EngineResult Account()
    {
        lock (_gate)
        {
            var unrealized = _specs.Keys.Sum(Unrealized);
            return new EngineResult(200, JsonText.Write(w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("canTrade", true);
                w.WriteDecimal("totalWalletBalance", _walletBalance);
                w.WriteDecimal("totalUnrealizedProfit", unrealized);
                w.WriteDecimal("totalMarginBalance", _walletBalance + unrealized);
                w.WriteDecimal("availableBalance", _walletBalance + unrealized);
                w.WriteStartArray("assets");
                w.WriteStartObject();
                w.WriteString("asset", "USDT");
                w.WriteDecimal("walletBalance", _walletBalance);
                w.WriteDecimal("unrealizedProfit", unrealized);
                w.WriteDecimal("marginBalance", _walletBalance + unrealized);
                w.WriteDecimal("availableBalance", _walletBalance + unrealized);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartArray("positions");
                foreach (var (symbol, pos) in _positions.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WriteStartObject();
                    w.WriteString("symbol", symbol);
                    w.WriteDecimal("positionAmt", pos.Amount);
                    w.WriteDecimal("entryPrice", pos.EntryPrice);
                    w.WriteDecimal("unrealizedProfit", Unrealized(symbol));
                    w.WriteString("leverage", pos.Leverage.ToString(CultureInfo.InvariantCulture));
                    w.WriteString("positionSide", "BOTH");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));
        }
    }

    /// <summary>Wallet balance in USDT (tests).</summary>
    public decimal WalletBalance
    {
        get
        {
            lock (_gate)
            {
                return _walletBalance;
            }
        }
    }

    public decimal PositionAmount(string symbol)
    {
        lock (_gate)
        {
            return Position(symbol).Amount;
        }
    }

    /// <summary>The client order id of every order the venue has accepted (any status, triggered algo orders included), in order id order.</summary>
    public IReadOnlyList<string> ClientOrderIds
    {
        get
        {
            lock (_gate)
            {
                return _orders.Values.OrderBy(o => o.OrderId).Select(o => o.ClientOrderId).ToList();
            }
        }
    }

    /// <summary>The client algo id of every algo order the venue has accepted (any status), in algo id order.</summary>
    public IReadOnlyList<string> ClientAlgoIds
    {
        get
        {
            lock (_gate)
            {
                return _algos.Values.OrderBy(a => a.AlgoId).Select(a => a.ClientAlgoId).ToList();
            }
        }
    }

    public int OrderCount
    {
        get
        {
            lock (_gate)
            {
                return _orders.Count;
            }
        }
    }

    // ---- matching ---------------------------------------------------------------------------

    private void HandleLimit(SimOrder order)
    {
        var reference = order.Side == "BUY" ? Market(order.Symbol).BestAsk ?? Market(order.Symbol).LastPrice : Market(order.Symbol).BestBid ?? Market(order.Symbol).LastPrice;
        var marketable = reference is { } r && (order.Side == "BUY" ? order.Price >= r : order.Price <= r);
        switch (order.TimeInForce)
        {
            case "GTX" when marketable:
            case "IOC" when !marketable:
                Expire(order);
                break;
            case "IOC":
            case "GTC" when marketable:
                FillAt(order, order.Remaining, order.Side == "BUY" ? Math.Min(order.Price, reference!.Value) : Math.Max(order.Price, reference!.Value), maker: false);
                if (order.TimeInForce == "IOC" && order.IsOpen)
                {
                    Expire(order);
                }

                break;
        }
    }

    private void ExecuteAsTaker(SimOrder order)
    {
        var m = Market(order.Symbol);
        var price = order.Side == "BUY" ? m.BestAsk ?? m.LastPrice : m.BestBid ?? m.LastPrice;
        if (price is null)
        {
            Expire(order);
            return;
        }

        if (order.ClosePosition)
        {
            order.Quantity = Math.Abs(Position(order.Symbol).Amount);
        }

        if (order.ReduceOnly)
        {
            var position = Position(order.Symbol).Amount;
            var reduces = (order.Side == "SELL" && position > 0) || (order.Side == "BUY" && position < 0);
            order.Quantity = reduces ? Math.Min(order.Quantity, Math.Abs(position)) : 0m;
        }

        if (order.Quantity <= 0)
        {
            Expire(order);
            return;
        }

        FillAt(order, order.Remaining, price.Value, maker: false);
    }

    private void FillAt(SimOrder order, decimal quantity, decimal price, bool maker)
    {
        if (PartialFills && order.ExecutedQuantity == 0 && quantity > 0)
        {
            var spec = _specs[order.Symbol];
            var half = Math.Floor(quantity / 2 / spec.StepSize) * spec.StepSize;
            if (half > 0 && half < quantity)
            {
                ApplyFill(order, half, price, maker);
                if (order.Type == "MARKET" || order.TimeInForce == "IOC")
                {
                    ApplyFill(order, order.Remaining, price, maker);
                }

                return;
            }
        }

        ApplyFill(order, quantity, price, maker);
    }

    private void ApplyFill(SimOrder order, decimal quantity, decimal price, bool maker)
    {
        var fee = quantity * price * (maker ? MakerFee : TakerFee);
        var position = Position(order.Symbol);
        var signed = order.Side == "BUY" ? quantity : -quantity;
        var realized = 0m;
        if (position.Amount != 0 && Math.Sign(position.Amount) != Math.Sign(signed))
        {
            var closing = Math.Min(Math.Abs(signed), Math.Abs(position.Amount));
            realized = closing * (price - position.EntryPrice) * Math.Sign(position.Amount);
        }

        var newAmount = position.Amount + signed;
        if (newAmount == 0)
        {
            position.EntryPrice = 0;
        }
        else if (position.Amount == 0 || Math.Sign(position.Amount) == Math.Sign(signed))
        {
            position.EntryPrice = ((position.EntryPrice * Math.Abs(position.Amount)) + (price * quantity)) / Math.Abs(newAmount);
        }
        else if (Math.Sign(newAmount) != Math.Sign(position.Amount))
        {
            position.EntryPrice = price;
        }

        position.Amount = newAmount;
        position.UpdateTimeMs = NowMs;
        _walletBalance += realized - fee;
        order.ExecutedQuantity += quantity;
        order.CumulativeQuote += quantity * price;
        order.Status = order.Remaining == 0 ? "FILLED" : "PARTIALLY_FILLED";
        order.UpdateTimeMs = NowMs;
        Emit(order, "TRADE", quantity, price, maker, fee, realized);
        EmitAccount(order.Symbol);
        if (order.Status == "FILLED" && position.Amount == 0)
        {
            // Position closed: brackets that only make sense with a position are no longer live.
            foreach (var other in _orders.Values.Where(o => o.IsOpen && o.Symbol == order.Symbol && o.ClosePosition).ToList())
            {
                Expire(other);
            }

            ExpireClosePositionAlgos(order.Symbol);
        }
    }

    private void FillRestingLimits(string symbol, decimal tradePrice)
    {
        foreach (var order in _orders.Values.Where(o => o.IsOpen && o.Symbol == symbol && o.Type == "LIMIT").OrderBy(o => o.OrderId).ToList())
        {
            var crosses = order.Side == "BUY" ? tradePrice <= order.Price : tradePrice >= order.Price;
            if (crosses)
            {
                FillAt(order, order.Remaining, order.Price, maker: true);
            }
        }
    }

    private void Expire(SimOrder order)
    {
        order.Status = "EXPIRED";
        order.UpdateTimeMs = NowMs;
        Emit(order, "EXPIRED", 0, 0, false);
    }

    private SimOrder? Find(IReadOnlyDictionary<string, string> p)
    {
        if (p.TryGetValue("orderId", out var idText) && long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return _orders.TryGetValue(id, out var byId) && (!p.TryGetValue("symbol", out var s) || byId.Symbol == s) ? byId : null;
        }

        if (p.TryGetValue("origClientOrderId", out var clientId))
        {
            // The most recent order with this client id (ids may be reused once an order is closed).
            return _orders.Values.Where(o => o.ClientOrderId == clientId && (!p.TryGetValue("symbol", out var s) || o.Symbol == s))
                .MaxBy(o => o.OrderId);
        }

        return null;
    }

    private decimal Unrealized(string symbol)
    {
        var pos = Position(symbol);
        var mark = Market(symbol).Mark ?? Market(symbol).LastPrice;
        return pos.Amount == 0 || mark is null ? 0m : (mark.Value - pos.EntryPrice) * pos.Amount;
    }

    private MarketState Market(string symbol)
    {
        if (!_markets.TryGetValue(symbol, out var m))
        {
            m = new MarketState();
            _markets[symbol] = m;
        }

        return m;
    }

    private SimPosition Position(string symbol)
    {
        if (!_positions.TryGetValue(symbol, out var p))
        {
            p = new SimPosition();
            _positions[symbol] = p;
        }

        return p;
    }

    private void Emit(SimOrder o, string execution, decimal lastQty, decimal lastPrice, bool maker, decimal fee = 0, decimal realized = 0)
    {
        var handler = UserEvent;
        if (handler is null)
        {
            return;
        }

        var now = NowMs;
        handler(JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("e", "ORDER_TRADE_UPDATE");
            w.WriteNumber("E", now);
            w.WriteNumber("T", now);
            w.WriteStartObject("o");
            w.WriteString("s", o.Symbol);
            w.WriteString("c", o.ClientOrderId);
            w.WriteString("S", o.Side);
            w.WriteString("o", o.Type);
            w.WriteString("f", o.TimeInForce);
            w.WriteDecimal("q", o.Quantity);
            w.WriteDecimal("p", o.Price);
            w.WriteDecimal("ap", o.AveragePrice);
            w.WriteDecimal("sp", o.StopPrice);
            w.WriteString("x", execution);
            w.WriteString("X", o.Status);
            w.WriteNumber("i", o.OrderId);
            w.WriteDecimal("l", lastQty);
            w.WriteDecimal("z", o.ExecutedQuantity);
            w.WriteDecimal("L", lastPrice);
            w.WriteString("N", "USDT");
            w.WriteDecimal("n", fee);
            w.WriteNumber("T", now);
            w.WriteNumber("t", execution == "TRADE" ? _nextTradeId++ : 0);
            w.WriteBoolean("m", maker);
            w.WriteBoolean("R", o.ReduceOnly);
            w.WriteString("wt", o.WorkingType);
            w.WriteString("ot", o.OriginalType ?? o.Type);
            w.WriteString("ps", "BOTH");
            w.WriteBoolean("cp", o.ClosePosition);
            w.WriteDecimal("rp", realized);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private void EmitAccount(string symbol)
    {
        var handler = UserEvent;
        if (handler is null)
        {
            return;
        }

        var pos = Position(symbol);
        var now = NowMs;
        handler(JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("e", "ACCOUNT_UPDATE");
            w.WriteNumber("E", now);
            w.WriteNumber("T", now);
            w.WriteStartObject("a");
            w.WriteString("m", "ORDER");
            w.WriteStartArray("B");
            w.WriteStartObject();
            w.WriteString("a", "USDT");
            w.WriteDecimal("wb", _walletBalance);
            w.WriteDecimal("cw", _walletBalance);
            w.WriteDecimal("bc", 0m);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("P");
            w.WriteStartObject();
            w.WriteString("s", symbol);
            w.WriteDecimal("pa", pos.Amount);
            w.WriteDecimal("ep", pos.EntryPrice);
            w.WriteDecimal("cr", 0m);
            w.WriteDecimal("up", Unrealized(symbol));
            w.WriteString("mt", "cross");
            w.WriteDecimal("iw", 0m);
            w.WriteString("ps", "BOTH");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private static string OrderJson(SimOrder o) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("orderId", o.OrderId);
        w.WriteString("symbol", o.Symbol);
        w.WriteString("status", o.Status);
        w.WriteString("clientOrderId", o.ClientOrderId);
        w.WriteDecimal("price", o.Price);
        w.WriteDecimal("avgPrice", o.AveragePrice);
        w.WriteDecimal("origQty", o.Quantity);
        w.WriteDecimal("executedQty", o.ExecutedQuantity);
        w.WriteDecimal("cumQuote", o.CumulativeQuote);
        w.WriteString("timeInForce", o.TimeInForce);
        w.WriteString("type", o.Type);
        w.WriteBoolean("reduceOnly", o.ReduceOnly);
        w.WriteBoolean("closePosition", o.ClosePosition);
        w.WriteString("side", o.Side);
        w.WriteString("positionSide", "BOTH");
        w.WriteDecimal("stopPrice", o.StopPrice);
        w.WriteString("workingType", o.WorkingType);
        w.WriteString("origType", o.Type);
        w.WriteNumber("time", o.TimeMs);
        w.WriteNumber("updateTime", o.UpdateTimeMs);
        w.WriteEndObject();
    });

    private static decimal? Dec(IReadOnlyDictionary<string, string> p, string key) =>
        p.TryGetValue(key, out var text) && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    private sealed class MarketState
    {
        public decimal? LastPrice { get; set; }

        public decimal? Mark { get; set; }

        /// <summary>A markPrice feed has been seen; until then the mark follows the last trade.</summary>
        public bool MarkFed { get; set; }

        public decimal? Index { get; set; }

        public decimal? BestBid { get; set; }

        public decimal? BestAsk { get; set; }

        public decimal OpenInterest { get; set; }

        public decimal FundingRate { get; set; } = 0.0001m;

        public long NextFundingMs { get; set; }
    }
}
