using System.Globalization;
using System.Text.RegularExpressions;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Venues.Simulator.Engine;

/// <summary>
/// The Algo Order API of the simulated venue (<c>/fapi/v1/algoOrder</c>, <c>openAlgoOrders</c>,
/// <c>algoOpenOrders</c>): conditional orders wait here, are evaluated on every trade (CONTRACT_PRICE = last
/// trade) and mark-price change (MARK_PRICE), and on trigger place a MARKET order in the matching engine that
/// fills and reports through the usual ORDER_TRADE_UPDATE. Every state change is an ALGO_UPDATE.
/// </summary>
public sealed partial class ExchangeEngine
{
    /// <summary>Types Binance only accepts through the Algo Order API since 2025-12-09.</summary>
    private static readonly HashSet<string> AlgoOnlyTypes = new(StringComparer.Ordinal)
    {
        "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET",
    };

    private readonly Dictionary<long, SimAlgoOrder> _algos = new();
    private long _nextAlgoId = 5000;

    public int OpenAlgoOrderCount
    {
        get
        {
            lock (_gate)
            {
                return _algos.Values.Count(a => a.IsOpen);
            }
        }
    }

    public EngineResult PlaceAlgoOrder(IReadOnlyDictionary<string, string> p)
    {
        lock (_gate)
        {
            if (!p.TryGetValue("algoType", out var algoType))
            {
                return EngineResult.Error(BinanceError.MandatoryParamMissing, "Mandatory parameter 'algoType' was not sent, was empty/null, or malformed.");
            }

            if (algoType != "CONDITIONAL")
            {
                return EngineResult.Error(BinanceError.InvalidParameter, "Data sent for parameter 'algoType' is not valid.");
            }

            if (!p.TryGetValue("symbol", out var symbol) || !p.TryGetValue("side", out var side) || !p.TryGetValue("type", out var type))
            {
                return EngineResult.Error(BinanceError.MandatoryParamMissing, "Mandatory parameter 'symbol', 'side' or 'type' was not sent, was empty/null, or malformed.");
            }

            if (!_specs.ContainsKey(symbol))
            {
                return EngineResult.Error(BinanceError.BadSymbol, "Invalid symbol.");
            }

            if (side is not ("BUY" or "SELL"))
            {
                return EngineResult.Error(-1117, "Invalid side.");
            }

            // STOP / TAKE_PROFIT (limit) and TRAILING_STOP_MARKET are real algo types the simulator does not execute.
            if (type is not ("STOP_MARKET" or "TAKE_PROFIT_MARKET"))
            {
                return EngineResult.Error(BinanceError.InvalidOrderType, "Invalid orderType.");
            }

            var triggerPrice = Dec(p, "triggerPrice");
            if (triggerPrice is null or <= 0)
            {
                return EngineResult.Error(BinanceError.MandatoryParamMissing, "Mandatory parameter 'triggerPrice' was not sent, was empty/null, or malformed.");
            }

            var closePosition = p.GetValueOrDefault("closePosition") == "true";
            var reduceOnly = p.GetValueOrDefault("reduceOnly") == "true";
            var quantity = Dec(p, "quantity");
            if (closePosition && p.ContainsKey("quantity"))
            {
                return EngineResult.Error(BinanceError.NotRequiredParameter, "Parameter 'quantity' sent when not required.");
            }

            if (closePosition && p.ContainsKey("reduceOnly"))
            {
                return EngineResult.Error(BinanceError.NotRequiredParameter, "Parameter 'reduceOnly' sent when not required.");
            }

            if (!closePosition && quantity is null)
            {
                return EngineResult.Error(BinanceError.MandatoryParamMissing, "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed.");
            }

            if (quantity is <= 0)
            {
                return EngineResult.Error(BinanceError.QuantityNotPositive, "Quantity less than or equal to zero.");
            }

            var workingType = p.GetValueOrDefault("workingType") ?? "CONTRACT_PRICE";
            if (workingType is not ("MARK_PRICE" or "CONTRACT_PRICE"))
            {
                return EngineResult.Error(BinanceError.InvalidParameter, "Data sent for parameter 'workingType' is not valid.");
            }

            var clientAlgoId = p.GetValueOrDefault("clientAlgoId") ?? $"sim-algo-{_nextAlgoId + 1}";
            if (!ClientIdRule().IsMatch(clientAlgoId))
            {
                return EngineResult.Error(BinanceError.InvalidClientOrderId, "Client order id is not valid.");
            }

            // Code assumed from the order path (-4116); Binance's docs do not list a separate one for clientAlgoId.
            if (_algos.Values.Any(a => a.IsOpen && a.ClientAlgoId == clientAlgoId))
            {
                return EngineResult.Error(BinanceError.DuplicateClientOrderId, "ClientOrderId is duplicated.");
            }

            var algo = new SimAlgoOrder
            {
                AlgoId = ++_nextAlgoId,
                ClientAlgoId = clientAlgoId,
                Symbol = symbol,
                Side = side,
                OrderType = type,
                Quantity = quantity ?? 0m,
                TriggerPrice = triggerPrice.Value,
                WorkingType = workingType,
                ReduceOnly = reduceOnly,
                ClosePosition = closePosition,
                PriceProtect = string.Equals(p.GetValueOrDefault("priceProtect"), "true", StringComparison.OrdinalIgnoreCase),
                TimeInForce = closePosition ? "GTE_GTC" : p.GetValueOrDefault("timeInForce") ?? "GTC",
                CreateTimeMs = NowMs,
                UpdateTimeMs = NowMs,
            };

            if (WouldTrigger(algo))
            {
                return EngineResult.Error(BinanceError.OrderWouldImmediatelyTrigger, "Order would immediately trigger.");
            }

            _algos[algo.AlgoId] = algo;
            EmitAlgo(algo);
            return new EngineResult(200, AlgoJson.Order(algo));
        }
    }

    public EngineResult QueryAlgoOrder(IReadOnlyDictionary<string, string> p)
    {
        lock (_gate)
        {
            var algo = FindAlgo(p);
            return algo is null ? EngineResult.Error(BinanceError.NoSuchOrder, "Order does not exist.") : new EngineResult(200, AlgoJson.Order(algo));
        }
    }

    public EngineResult CancelAlgoOrder(IReadOnlyDictionary<string, string> p)
    {
        lock (_gate)
        {
            var algo = FindAlgo(p);
            if (algo is null || !algo.IsOpen)
            {
                return EngineResult.Error(BinanceError.CancelRejected, "Unknown order sent.");
            }

            SetStatus(algo, "CANCELED");
            return new EngineResult(200, AlgoJson.Cancelled(algo));
        }
    }

    public EngineResult OpenAlgoOrders(string? symbol)
    {
        lock (_gate)
        {
            var open = _algos.Values.Where(a => a.IsOpen && (symbol is null || a.Symbol == symbol)).OrderBy(a => a.AlgoId).ToList();
            return new EngineResult(200, "[" + string.Join(",", open.Select(AlgoJson.Order)) + "]");
        }
    }

    public EngineResult CancelAllAlgoOrders(IReadOnlyDictionary<string, string> p)
    {
        lock (_gate)
        {
            if (!p.TryGetValue("symbol", out var symbol))
            {
                return EngineResult.Error(BinanceError.MandatoryParamMissing, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
            }

            if (!_specs.ContainsKey(symbol))
            {
                return EngineResult.Error(BinanceError.BadSymbol, "Invalid symbol.");
            }

            foreach (var algo in _algos.Values.Where(a => a.IsOpen && a.Symbol == symbol).OrderBy(a => a.AlgoId).ToList())
            {
                SetStatus(algo, "CANCELED");
            }

            return new EngineResult(200, "{\"code\":200,\"msg\":\"The operation of cancel all open order is done.\"}");
        }
    }

    /// <summary>Evaluates the open algo orders of a symbol after a price input. Caller holds the lock.</summary>
    private void TriggerAlgos(string symbol)
    {
        foreach (var algo in _algos.Values.Where(a => a.IsOpen && a.Symbol == symbol).OrderBy(a => a.AlgoId).ToList())
        {
            // A sibling's fill may have closed the position and expired this one meanwhile.
            if (algo.IsOpen && WouldTrigger(algo))
            {
                Trigger(algo);
            }
        }
    }

    private void Trigger(SimAlgoOrder algo)
    {
        algo.TriggerTimeMs = NowMs;
        SetStatus(algo, "TRIGGERING");
        var position = Position(algo.Symbol).Amount;
        var reduces = (algo.Side == "SELL" && position > 0) || (algo.Side == "BUY" && position < 0);
        if ((algo.ReduceOnly || algo.ClosePosition) && !reduces)
        {
            // The matching engine refuses a reduce-only order with nothing to reduce.
            algo.RejectReason = "Reduce Only reject";
            SetStatus(algo, "REJECTED");
            return;
        }

        var order = new SimOrder
        {
            OrderId = ++_nextOrderId,
            Symbol = algo.Symbol,
            ClientOrderId = algo.ClientAlgoId,
            Side = algo.Side,
            Type = "MARKET",
            OriginalType = algo.OrderType,
            TimeInForce = "GTC",
            Quantity = algo.ClosePosition ? Math.Abs(position) : algo.Quantity,
            Price = 0m,
            StopPrice = algo.TriggerPrice,
            WorkingType = algo.WorkingType,
            ReduceOnly = algo.ReduceOnly || algo.ClosePosition,
            ClosePosition = algo.ClosePosition,
            TimeMs = NowMs,
            UpdateTimeMs = NowMs,
        };
        _orders[order.OrderId] = order;
        algo.Actual = order;
        SetStatus(algo, "TRIGGERED");
        Emit(order, "NEW", 0, 0, false);
        ExecuteAsTaker(order);

        // Filled or expired in the matching engine: the algo order's life is over either way. The position
        // may already have expired closePosition siblings (and not this one: it is no longer NEW).
        SetStatus(algo, "FINISHED");
    }

    /// <summary>closePosition orders (GTE_GTC) have nothing left to close once the position is flat: the system expires them.</summary>
    private void ExpireClosePositionAlgos(string symbol)
    {
        foreach (var algo in _algos.Values.Where(a => a.IsOpen && a.Symbol == symbol && a.ClosePosition).OrderBy(a => a.AlgoId).ToList())
        {
            SetStatus(algo, "EXPIRED");
        }
    }

    private bool WouldTrigger(SimAlgoOrder algo)
    {
        var m = Market(algo.Symbol);
        var reference = algo.WorkingType == "MARK_PRICE" ? m.Mark ?? m.LastPrice : m.LastPrice;
        if (reference is not { } price)
        {
            return false;
        }

        // STOP_MARKET buys on a rise / sells on a fall; TAKE_PROFIT_MARKET the other way round.
        var buyAbove = (algo.OrderType == "STOP_MARKET") == (algo.Side == "BUY");
        return buyAbove ? price >= algo.TriggerPrice : price <= algo.TriggerPrice;
    }

    private void SetStatus(SimAlgoOrder algo, string status)
    {
        algo.Status = status;
        algo.UpdateTimeMs = NowMs;
        EmitAlgo(algo);
    }

    /// <summary>By algoId or clientAlgoId; the venue's docs spell them in lower case for DELETE, so both spellings are read.</summary>
    private SimAlgoOrder? FindAlgo(IReadOnlyDictionary<string, string> p)
    {
        var idText = p.GetValueOrDefault("algoId") ?? p.GetValueOrDefault("algoid");
        if (idText is not null)
        {
            return long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && _algos.TryGetValue(id, out var byId) ? byId : null;
        }

        var clientId = p.GetValueOrDefault("clientAlgoId") ?? p.GetValueOrDefault("clientalgoid");
        return clientId is null ? null : _algos.Values.Where(a => a.ClientAlgoId == clientId).MaxBy(a => a.AlgoId);
    }

    private void EmitAlgo(SimAlgoOrder algo) => UserEvent?.Invoke(AlgoJson.Update(algo, NowMs));

    [GeneratedRegex("^[\\.A-Z\\:/a-z0-9_-]{1,36}$")]
    private static partial Regex ClientIdRule();
}
