using ActorBot.Domain.Execution;

namespace ActorBot.Domain.Paper;

/// <summary>
/// The paper fill decision (paraphina SPEC §7 step 4, with its contract kept): "marketable" means a buy at
/// or above the ask / a sell at or below the bid; a MARKET order is always marketable.
/// <c>marketable</c> fills marketable orders at the touch (ask for a buy, falling back to bid; mirrored);
/// <c>mid</c> fills everything at mid, else at the order price; <c>always</c> at mid, else the one side
/// there is, else the order price — and, for a MARKET order with no book, the last trade. Slippage moves
/// the price against the trader: buy × (1 + bps/1e4), sell × (1 − bps/1e4). Fee: taker if marketable,
/// else maker. Returns null when the order does not fill (it rests, or is canceled if IOC).
/// </summary>
public sealed class PaperFillModel
{
    private readonly PaperFillSettings _settings;

    public PaperFillModel(PaperFillSettings settings) => _settings = settings.Validate();

    /// <summary>The configured mode: a refusal under <see cref="PaperFillMode.None"/> is by design, not for want of a price.</summary>
    public PaperFillMode Mode => _settings.Mode;

    public PaperFill? TryFill(PaperOrder order, PaperQuote quote)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(quote);
        var marketable = IsMarketable(order, quote);
        var price = _settings.Mode switch
        {
            PaperFillMode.None => null,
            PaperFillMode.Marketable => marketable ? Touch(order.Side, quote) ?? (order.LimitPrice is null ? quote.LastTrade : null) : null,
            PaperFillMode.Mid => quote.Mid ?? order.LimitPrice ?? quote.LastTrade,
            PaperFillMode.Always => quote.Mid ?? quote.Ask ?? quote.Bid ?? order.LimitPrice ?? quote.LastTrade,
            _ => throw new ArgumentOutOfRangeException(nameof(order), _settings.Mode, "unknown paper fill mode"),
        };

        if (price is not { } p || p <= 0)
        {
            return null;
        }

        var filled = ApplySlippage(order.Side, p);
        var feeBps = marketable ? _settings.TakerFeeBps : _settings.MakerFeeBps;
        return new PaperFill(filled, order.Quantity, filled * order.Quantity * feeBps / 10_000m, marketable);
    }

    /// <summary>Slippage against the trader; used for bracket exits too, which are market orders.</summary>
    public decimal ApplySlippage(OrderSide side, decimal price) =>
        side == OrderSide.Buy ? price * (1m + (_settings.SlippageBps / 10_000m)) : price * (1m - (_settings.SlippageBps / 10_000m));

    public decimal TakerFee(decimal price, decimal quantity) => price * quantity * _settings.TakerFeeBps / 10_000m;

    private static bool IsMarketable(PaperOrder order, PaperQuote quote) => order.LimitPrice switch
    {
        null => true,
        { } limit when order.Side == OrderSide.Buy => quote.Ask is { } ask && limit >= ask,
        { } limit => quote.Bid is { } bid && limit <= bid,
    };

    private static decimal? Touch(OrderSide side, PaperQuote quote) =>
        side == OrderSide.Buy ? quote.Ask ?? quote.Bid : quote.Bid ?? quote.Ask;
}
