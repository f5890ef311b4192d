namespace ActorBot.Domain.OrderBook;

/// <summary>A price-level order book for one symbol: two sorted sides, absolute quantities.</summary>
public sealed class OrderBook
{
    public OrderBook(string symbol)
    {
        Symbol = symbol;
    }

    public string Symbol { get; }

    public OrderBookSide Bids { get; } = new(BookSide.Bid);

    public OrderBookSide Asks { get; } = new(BookSide.Ask);

    /// <summary>Applies absolute level quantities; returns the number of levels written.</summary>
    public int Apply(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        foreach (var level in bids)
        {
            Bids.Set(level.Price, level.Quantity);
        }

        foreach (var level in asks)
        {
            Asks.Set(level.Price, level.Quantity);
        }

        return bids.Length + asks.Length;
    }

    /// <summary>Replaces the whole book by a snapshot.</summary>
    public void Load(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        Bids.Clear();
        Asks.Clear();
        Apply(bids, asks);
    }

    /// <summary>True when best bid ≥ best ask: a book that cannot be right.</summary>
    public bool IsCrossed =>
        Bids.Best is { } bid && Asks.Best is { } ask && bid.Price >= ask.Price;
}
