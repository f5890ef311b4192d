using ActorBot.Domain.Execution;
using ActorBot.Domain.Reconciliation;
using ActorBot.Engine.Venues.Execution;

namespace ActorBot.Engine.Venues.Account;

/// <summary>
/// The two sides of a reconciliation as Domain <see cref="AccountSnapshot"/>s (pure mapping, no IO): ours is what
/// execution owns (signed open positions, working bracket ids) plus the wallet balance as the user stream left it;
/// the venue's is the REST read (non-zero positions, open order and open algo order client ids, the quote asset's
/// wallet and available balance). The venue has no second opinion on "available", so ours takes the venue's.
/// </summary>
internal static class ReconcileInputs
{
    public static AccountSnapshot Ours(ExecutionStatus execution, decimal walletBalance, decimal availableBalance, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var positions = execution.OpenPositions
            .GroupBy(p => p.Symbol, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Direction.Sign() * p.Quantity), StringComparer.Ordinal);
        var orders = execution.OpenPositions
            .GroupBy(p => p.Symbol, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlySet<string>)g.SelectMany(p => new[] { p.StopLossId, p.TakeProfitId }).OfType<string>().ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);
        return new AccountSnapshot(nowMs, positions, orders, walletBalance, availableBalance);
    }

    public static AccountSnapshot Venue(AccountRead read, string quoteAsset, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(read);
        var positions = read.Positions.Where(p => p.PositionAmount != 0)
            .GroupBy(p => p.Symbol, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.PositionAmount), StringComparer.Ordinal);
        var orders = read.OpenOrders.Select(o => (o.Symbol, Id: o.ClientOrderId))
            .Concat(read.OpenAlgoOrders.Select(a => (a.Symbol, Id: a.ClientAlgoId)))
            .GroupBy(x => x.Symbol, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(x => x.Id).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var quote = read.Balances.FirstOrDefault(b => b.Asset == quoteAsset);
        return new AccountSnapshot(nowMs, positions, orders, quote?.Balance ?? 0m, quote?.AvailableBalance ?? 0m);
    }
}
