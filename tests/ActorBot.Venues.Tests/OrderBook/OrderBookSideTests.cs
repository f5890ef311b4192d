using ActorBot.Domain.OrderBook;

namespace ActorBot.Venues.Tests.OrderBook;

public sealed class OrderBookSideTests
{
    [Fact(DisplayName = "Bids are kept best first in descending order and asks in ascending order")]
    public void SortsBothSides()
    {
        var book = new ActorBot.Domain.OrderBook.OrderBook("BTCUSDT");
        book.Apply(
            [L(100m, 1m), L(102m, 2m), L(101m, 3m)],
            [L(105m, 1m), L(103m, 2m), L(104m, 3m)]);

        book.Bids.Top(10).Select(l => l.PriceDecimal).Should().Equal(102m, 101m, 100m);
        book.Asks.Top(10).Select(l => l.PriceDecimal).Should().Equal(103m, 104m, 105m);
        book.Bids.Best!.Value.QuantityDecimal.Should().Be(2m);
        book.IsCrossed.Should().BeFalse();
    }

    [Fact(DisplayName = "Quantity zero deletes a level, deleting an unknown level is a no-op, and a repeat price overwrites")]
    public void ZeroDeletes()
    {
        var side = new OrderBookSide(BookSide.Ask, initialCapacity: 4);
        foreach (var p in Enumerable.Range(1, 50))
        {
            side.Set(p * Fixed8.Scale, Fixed8.Scale);
        }

        side.Set(10 * Fixed8.Scale, 0);
        side.Set(999 * Fixed8.Scale, 0);
        side.Set(20 * Fixed8.Scale, 7 * Fixed8.Scale);

        side.Count.Should().Be(49);
        side.QuantityAt(10 * Fixed8.Scale).Should().Be(0);
        side.QuantityAt(20 * Fixed8.Scale).Should().Be(7 * Fixed8.Scale);
        side.Top(3).Select(l => l.Price / Fixed8.Scale).Should().Equal(1, 2, 3);
    }

    [Fact(DisplayName = "Top-N of a book with fewer levels returns what exists")]
    public void TopOfShortBook()
    {
        var side = new OrderBookSide(BookSide.Bid);
        side.Set(Fixed8.Scale, Fixed8.Scale);
        side.Top(5).Should().HaveCount(1);
        side.Top(0).Should().BeEmpty();
    }

    private static BookLevel L(decimal price, decimal qty) => BookLevel.FromDecimal(price, qty);
}
