using ActorBot.Domain.Execution;
using ActorBot.Domain.Risk;

namespace ActorBot.Domain.Sizing;

/// <summary>
/// Risk-based position size: <c>quote_risk_per_trade / |price − stop|</c>, capped by
/// <c>floor((min(notional_cap, free_balance × leverage) / price) / step) × step</c>, on the MARKET lot grid
/// (entries are MARKET orders). A size under a minimum is refused with its reason; it is never inflated
/// to reach the minimum, because that would risk more than the budget allows.
/// </summary>
public static class PositionSizer
{
    public static SizingResult Size(SizingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var f = request.Filters;
        var stopDistance = request.Direction.Sign() * (request.Price - request.StopPrice);
        if (request.Price <= 0 || stopDistance <= 0)
        {
            return new SizeRejected(DropReason.InvalidStop, $"stop {request.StopPrice} is not on the loss side of {request.Price} for a {request.Direction}");
        }

        if (request.FreeBalanceUsd <= 0 || request.Leverage <= 0)
        {
            return new SizeRejected(DropReason.InsufficientBalance, $"free balance {request.FreeBalanceUsd} USD at leverage {request.Leverage}");
        }

        var riskQty = request.QuoteRiskPerTrade / stopDistance;
        var marginNotional = request.FreeBalanceUsd * request.Leverage;
        var capNotional = Math.Min(request.NotionalCapUsd, marginNotional);
        var capQty = capNotional / request.Price;

        var (rawQty, limit) = riskQty <= capQty
            ? (riskQty, SizeLimit.Risk)
            : (capQty, marginNotional < request.NotionalCapUsd ? SizeLimit.Margin : SizeLimit.NotionalCap);
        var lot = f.Lot(market: true);
        if (lot.MaxQty > 0 && rawQty > lot.MaxQty)
        {
            (rawQty, limit) = (lot.MaxQty, SizeLimit.MaxQty);
        }

        var qty = f.FloorQuantity(rawQty, market: true);
        if (qty < lot.MinQty || qty <= 0)
        {
            // Say which budget fell short: an empty wallet is a different alert from a too-tight risk budget.
            var reason = limit == SizeLimit.Margin ? DropReason.InsufficientBalance : DropReason.MinQty;
            return new SizeRejected(reason, $"size {qty} (limited by {limit}) < minQty {lot.MinQty}");
        }

        if (OrderFilter.Check(f, price: null, qty, markPrice: request.Price) is { } rejection)
        {
            var reason = limit == SizeLimit.Margin && rejection.Reason == DropReason.MinNotional ? DropReason.InsufficientBalance : rejection.Reason;
            return new SizeRejected(reason, rejection.Detail);
        }

        return new Sized(qty, qty * request.Price, limit);
    }
}
