using ActorBot.Domain.Execution;
using ActorBot.Domain.Sizing;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Engine.Venues.Execution;

/// <summary>What restart-flatten reads from the venue before it plans.</summary>
internal sealed record VenueView(
    IReadOnlyDictionary<string, SymbolFilters> Filters,
    IReadOnlyList<OrderResponse> OpenOrders,
    IReadOnlyList<AlgoOrderResponse> OpenAlgoOrders,
    IReadOnlyList<PositionRisk> Positions);

/// <summary>One venue request and how it went, for the report and the counters.</summary>
internal sealed record CallOutcome(string Route, string Status, string? ClientId = null, OrderResponse? Order = null);

/// <summary>
/// The multi-request venue conversations of execution (restart read, restart actions, cancel-all) as plain async
/// functions over the REST client: they touch no actor state, so the actor runs them with PipeTo and gets one answer.
/// </summary>
internal static class ExecutionVenueCalls
{
    public const string OrderRoute = "POST /fapi/v1/order";
    public const string AlgoRoute = "POST /fapi/v1/algoOrder";
    public const string CancelRoute = "DELETE /fapi/v1/order";
    public const string CancelAlgoRoute = "DELETE /fapi/v1/algoOrder";
    public const string CancelAllAlgoRoute = "DELETE /fapi/v1/algoOpenOrders";
    public const string QueryRoute = "GET /fapi/v1/order";

    public static string StatusOf<T>(RestResult<T> r)
        where T : class => r.IsSuccess ? "ok" : r.Error is { } e ? $"{r.Failure} {e.Code}" : $"{r.Failure}";

    /// <summary>Reads filters, open orders, open algo orders and positions; null with the reason when any read failed.</summary>
    public static async Task<(VenueView? View, string? Error)> LoadViewAsync(BinanceRestClient rest)
    {
        var info = rest.GetExchangeInfoAsync();
        var orders = rest.GetOpenOrdersAsync();
        var algos = rest.GetOpenAlgoOrdersAsync();
        var positions = rest.GetPositionRiskAsync();
        await Task.WhenAll(info, orders, algos, positions).ConfigureAwait(false);
        var failed = new[] { ("exchangeInfo", StatusOf(info.Result)), ("openOrders", StatusOf(orders.Result)), ("openAlgoOrders", StatusOf(algos.Result)), ("positionRisk", StatusOf(positions.Result)) }
            .Where(x => x.Item2 != "ok").Select(x => $"{x.Item1}: {x.Item2}").ToList();
        if (failed.Count > 0)
        {
            return (null, string.Join("; ", failed));
        }

        var filters = info.Result.Value!.Symbols.ToDictionary(s => s.Symbol, ToFilters, StringComparer.Ordinal);
        return (new VenueView(filters, orders.Result.Value!, algos.Result.Value!.Where(a => a.IsOpen).ToList(), positions.Result.Value!), null);
    }

    /// <summary>Runs restart actions in the planner's order (a close goes out before its brackets are canceled).</summary>
    public static async Task<IReadOnlyList<CallOutcome>> ExecuteAsync(BinanceRestClient rest, IReadOnlyList<RestartAction> actions)
    {
        var outcomes = new List<CallOutcome>();
        foreach (var action in actions)
        {
            switch (action)
            {
                case CancelOrderAction c:
                    outcomes.Add(new CallOutcome(CancelRoute, StatusOf(await rest.CancelOrderAsync(c.Symbol, c.ClientOrderId).ConfigureAwait(false)), c.ClientOrderId));
                    break;
                case CancelAlgoOrderAction a:
                    outcomes.Add(new CallOutcome(CancelAlgoRoute, StatusOf(await rest.CancelAlgoOrderAsync(a.ClientAlgoId).ConfigureAwait(false)), a.ClientAlgoId));
                    break;
                case FlattenAction f:
                    var closed = await rest.PlaceOrderAsync(Flatten(f.Symbol, f.Side, f.Quantity, f.ClientOrderId)).ConfigureAwait(false);
                    outcomes.Add(new CallOutcome(OrderRoute, StatusOf(closed), f.ClientOrderId, closed.Value));
                    break;
                case PlaceBracketAction b:
                    outcomes.Add(new CallOutcome(AlgoRoute, StatusOf(await rest.PlaceAlgoOrderAsync(ToAlgo(b.Order)).ConfigureAwait(false)), b.Order.ClientAlgoId));
                    break;
            }
        }

        return outcomes;
    }

    /// <summary>
    /// Kill switch: cancels every open order and every symbol's algo orders at once (in parallel: the budget is 1 s),
    /// then optionally closes every position reduce-only. The close is not journaled first: reduce-only cannot open
    /// or double a position, so a re-send after a crash is harmless, and the journal write would cost the budget.
    /// </summary>
    public static async Task<(int Orders, int Algos, IReadOnlyList<CallOutcome> Flattens, IReadOnlyList<CallOutcome> Calls)> CancelAllAsync(
        BinanceRestClient rest, IReadOnlyCollection<string> symbols, bool flatten, string strategy, long nowMs)
    {
        var calls = new List<CallOutcome>();
        var openOrders = rest.GetOpenOrdersAsync();
        var openAlgos = rest.GetOpenAlgoOrdersAsync();
        await Task.WhenAll(openOrders, openAlgos).ConfigureAwait(false);
        var orders = openOrders.Result.Value ?? [];
        var algoSymbols = symbols.Union((openAlgos.Result.Value ?? []).Select(a => a.Symbol), StringComparer.Ordinal).ToList();
        var cancels = orders.Select(o => rest.CancelOrderAsync(o.Symbol, o.ClientOrderId)).ToList();
        var algoCancels = algoSymbols.Select(s => rest.CancelAllAlgoOrdersAsync(s)).ToList();
        await Task.WhenAll(Task.WhenAll(cancels), Task.WhenAll(algoCancels)).ConfigureAwait(false);
        calls.AddRange(cancels.Select(c => new CallOutcome(CancelRoute, StatusOf(c.Result))));
        calls.AddRange(algoCancels.Select(c => new CallOutcome(CancelAllAlgoRoute, StatusOf(c.Result))));
        var algoCount = algoCancels.All(c => c.Result.IsSuccess) ? (openAlgos.Result.Value?.Count(a => a.IsOpen) ?? 0) : 0;

        var flattens = new List<CallOutcome>();
        if (flatten)
        {
            var positions = (await rest.GetPositionRiskAsync().ConfigureAwait(false)).Value ?? [];
            var closes = positions.Where(p => p.PositionAmount != 0).Select(async p =>
            {
                var side = p.PositionAmount > 0 ? OrderSide.Sell : OrderSide.Buy;
                var id = ClientOrderId.Create(strategy, p.Symbol, nowMs, OrderLeg.Flatten);
                var r = await rest.PlaceOrderAsync(Flatten(p.Symbol, side, Math.Abs(p.PositionAmount), id)).ConfigureAwait(false);
                return new CallOutcome(OrderRoute, StatusOf(r), id, r.Value);
            }).ToList();
            flattens.AddRange(await Task.WhenAll(closes).ConfigureAwait(false));
        }

        return (cancels.Count(c => c.Result.IsSuccess), algoCount, flattens, calls);
    }

    public static NewOrder Flatten(string symbol, OrderSide side, decimal quantity, string clientOrderId) =>
        new(symbol, side.ToVenueString(), "MARKET", clientOrderId, quantity, ReduceOnly: true);

    public static NewAlgoOrder ToAlgo(ConditionalOrder o) => new(
        o.Symbol,
        o.Side.ToVenueString(),
        o.VenueType,
        o.ClientAlgoId,
        o.TriggerPrice,
        o.ClosePosition ? null : o.Quantity,
        ReduceOnly: o.ReduceOnly,
        ClosePosition: o.ClosePosition,
        WorkingType: o.VenueWorkingType);

    public static SymbolFilters ToFilters(SymbolRules r) => new(
        r.Symbol, r.TickSize, r.MinPrice, r.MaxPrice, r.StepSize, r.MinQuantity, r.MaxQuantity,
        MarketStepSize: r.MarketStepSize, MarketMaxQty: r.MarketMaxQuantity, MinNotional: r.MinNotional);
}
