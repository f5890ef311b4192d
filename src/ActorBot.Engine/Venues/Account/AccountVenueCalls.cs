using ActorBot.Domain.Sizing;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Engine.Venues.Account;

/// <summary>What one REST read of the account returns; <see cref="Filters"/> only when exchangeInfo was asked for.</summary>
internal sealed record AccountRead(
    IReadOnlyList<AssetBalance> Balances,
    IReadOnlyList<PositionRisk> Positions,
    IReadOnlyList<OrderResponse> OpenOrders,
    IReadOnlyList<AlgoOrderResponse> OpenAlgoOrders,
    IReadOnlyDictionary<string, SymbolFilters>? Filters);

/// <summary>
/// The account's venue conversations as plain async functions over the shared REST client (no actor state): the
/// actor runs them with PipeTo and gets one answer.
/// </summary>
internal static class AccountVenueCalls
{
    /// <summary>Balances, positions, open orders and open algo orders (and exchangeInfo when asked); null with the reason when any read failed.</summary>
    public static async Task<(AccountRead? Read, string? Error)> ReadAsync(BinanceRestClient rest, bool withExchangeInfo)
    {
        var balances = rest.GetBalancesAsync();
        var positions = rest.GetPositionRiskAsync();
        var orders = rest.GetOpenOrdersAsync();
        var algos = rest.GetOpenAlgoOrdersAsync();
        var info = withExchangeInfo ? rest.GetExchangeInfoAsync() : null;
        await Task.WhenAll(balances, positions, orders, algos, info ?? Task.CompletedTask).ConfigureAwait(false);
        var statuses = new List<(string Name, string Status)>
        {
            ("balance", ExecutionVenueCalls.StatusOf(balances.Result)),
            ("positionRisk", ExecutionVenueCalls.StatusOf(positions.Result)),
            ("openOrders", ExecutionVenueCalls.StatusOf(orders.Result)),
            ("openAlgoOrders", ExecutionVenueCalls.StatusOf(algos.Result)),
        };
        if (info is not null)
        {
            statuses.Add(("exchangeInfo", ExecutionVenueCalls.StatusOf(info.Result)));
        }

        var failed = statuses.Where(s => s.Status != "ok").Select(s => $"{s.Name}: {s.Status}").ToList();
        if (failed.Count > 0)
        {
            return (null, string.Join("; ", failed));
        }

        var filters = info?.Result.Value!.Symbols.ToDictionary(s => s.Symbol, ExecutionVenueCalls.ToFilters, StringComparer.Ordinal);
        return (new AccountRead(balances.Result.Value!, positions.Result.Value!, orders.Result.Value!, algos.Result.Value!.Where(a => a.IsOpen).ToList(), filters), null);
    }

    /// <summary>
    /// Sets each symbol's margin type, then its leverage (margin type first: it is the one a position can lock, and
    /// the venue's leverage brackets depend on it). Per symbol: <c>ok</c> or what the venue said.
    /// </summary>
    public static async Task<IReadOnlyList<SymbolSetup>> SetupAsync(BinanceRestClient rest, IReadOnlyList<string> symbols, int leverage, string marginType)
    {
        var results = await Task.WhenAll(symbols.Select(async symbol =>
        {
            var margin = await rest.SetMarginTypeAsync(symbol, marginType).ConfigureAwait(false);
            var lev = await rest.SetLeverageAsync(symbol, leverage).ConfigureAwait(false);
            var problems = new List<string>();
            if (!margin.IsSuccess)
            {
                problems.Add($"marginType {marginType}: {Describe(margin)}");
            }

            if (!lev.IsSuccess)
            {
                problems.Add($"leverage {leverage}: {Describe(lev)}");
            }
            else if (lev.Value!.Leverage != leverage)
            {
                problems.Add($"leverage {leverage}: venue answered {lev.Value.Leverage}");
            }

            return new SymbolSetup(symbol, leverage, marginType, problems.Count == 0 ? "ok" : string.Join("; ", problems));
        })).ConfigureAwait(false);
        return results;
    }

    private static string Describe<T>(RestResult<T> r)
        where T : class => r.Error is { } e ? $"{r.Failure} {e.Code} {e.Message}" : $"{r.Failure}";
}
