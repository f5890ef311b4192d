namespace ActorBot.Domain.OrderBook;

/// <summary>
/// One side of a price-level book: a sorted array of levels.
/// Why an array ordered worst → best: almost every update touches the top of the book, which sits at
/// the end of the array, so inserts and deletes there move few elements; binary search finds any level
/// in ~10 steps for a 1000-level book. Keys are the price for bids and the negated price for asks, so
/// both sides share one ascending search.
/// </summary>
public sealed class OrderBookSide
{
    private long[] _keys;
    private long[] _quantities;
    private int _count;

    public OrderBookSide(BookSide side, int initialCapacity = 1024)
    {
        Side = side;
        _keys = new long[Math.Max(initialCapacity, 4)];
        _quantities = new long[_keys.Length];
    }

    public BookSide Side { get; }

    public int Count => _count;

    /// <summary>Sets a level's absolute quantity; 0 removes it (removing an unknown level is normal on Binance).</summary>
    public void Set(long price, long quantity)
    {
        var key = Side == BookSide.Bid ? price : -price;
        var index = Array.BinarySearch(_keys, 0, _count, key);
        if (index >= 0)
        {
            if (quantity == 0)
            {
                var tail = _count - index - 1;
                if (tail > 0)
                {
                    Array.Copy(_keys, index + 1, _keys, index, tail);
                    Array.Copy(_quantities, index + 1, _quantities, index, tail);
                }

                _count--;
            }
            else
            {
                _quantities[index] = quantity;
            }

            return;
        }

        if (quantity == 0)
        {
            return;
        }

        index = ~index;
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _quantities, _keys.Length);
        }

        var move = _count - index;
        if (move > 0)
        {
            Array.Copy(_keys, index, _keys, index + 1, move);
            Array.Copy(_quantities, index, _quantities, index + 1, move);
        }

        _keys[index] = key;
        _quantities[index] = quantity;
        _count++;
    }

    public void Clear() => _count = 0;

    /// <summary>The best level, or null when the side is empty.</summary>
    public BookLevel? Best => _count == 0 ? null : LevelAt(_count - 1);

    /// <summary>Quantity at a price, 0 when absent.</summary>
    public long QuantityAt(long price)
    {
        var key = Side == BookSide.Bid ? price : -price;
        var index = Array.BinarySearch(_keys, 0, _count, key);
        return index >= 0 ? _quantities[index] : 0;
    }

    /// <summary>The best <paramref name="depth"/> levels, best first (bids descending, asks ascending).</summary>
    public IReadOnlyList<BookLevel> Top(int depth)
    {
        var n = Math.Min(Math.Max(depth, 0), _count);
        var result = new BookLevel[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = LevelAt(_count - 1 - i);
        }

        return result;
    }

    /// <summary>
    /// The level <paramref name="rank"/> places from the best (0 = best), without allocating: lets a reader walk a
    /// side outward from the touch and stop when it leaves a price range (the 30 s frame builder).
    /// </summary>
    public BookLevel LevelFromBest(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, _count);
        return LevelAt(_count - 1 - rank);
    }

    private BookLevel LevelAt(int index)
    {
        var key = _keys[index];
        return new BookLevel(Side == BookSide.Bid ? key : -key, _quantities[index]);
    }
}
