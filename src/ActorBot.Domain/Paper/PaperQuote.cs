using ActorBot.Domain.Execution;

namespace ActorBot.Domain.Paper;

/// <summary>The market as the paper venue sees it at the order's time: best bid/ask when known, and the last trade.</summary>
public sealed record PaperQuote(decimal? Bid, decimal? Ask, decimal? LastTrade)
{
    public decimal? Mid => Bid is { } b && Ask is { } a ? (b + a) / 2m : null;

    /// <summary>
    /// The quote when only trade prints are known (the service streams aggTrade, no bookTicker): the last trade is
    /// both bid and ask, so a MARKET order fills at it in every mode but <see cref="PaperFillMode.None"/>, always as taker.
    /// </summary>
    public static PaperQuote FromLastTrade(decimal price) => new(price, price, price);
}

/// <summary>An order sent to the paper venue. <paramref name="LimitPrice"/> null is a MARKET order.</summary>
public sealed record PaperOrder(OrderSide Side, decimal Quantity, decimal? LimitPrice);

/// <summary>A paper fill: full size (no partials), price after slippage, fee in quote currency.</summary>
public sealed record PaperFill(decimal Price, decimal Quantity, decimal Fee, bool Taker);
