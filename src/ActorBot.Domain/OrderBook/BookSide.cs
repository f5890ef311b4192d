namespace ActorBot.Domain.OrderBook;

/// <summary>Which side of the book a level belongs to.</summary>
public enum BookSide
{
    Bid,
    Ask,
}
