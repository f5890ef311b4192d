namespace ActorBot.Domain.OrderBook;

/// <summary>One price level, price and quantity in <see cref="Fixed8"/> units. Quantity 0 deletes the level.</summary>
public readonly record struct BookLevel(long Price, long Quantity)
{
    public static BookLevel FromDecimal(decimal price, decimal quantity)
    {
        if (!Fixed8.TryFromDecimal(price, out var p) || !Fixed8.TryFromDecimal(quantity, out var q))
        {
            throw new ArgumentOutOfRangeException(nameof(price), "price and quantity must have at most 8 decimals");
        }

        return new BookLevel(p, q);
    }

    public decimal PriceDecimal => Fixed8.ToDecimal(Price);

    public decimal QuantityDecimal => Fixed8.ToDecimal(Quantity);
}
