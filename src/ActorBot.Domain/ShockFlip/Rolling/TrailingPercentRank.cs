namespace ActorBot.Domain.ShockFlip.Rolling;

/// <summary>
/// Causal replacement for the research's chunk-wide <c>atr_pct</c>: the percentile rank (average
/// rank of ties, divided by the number of values) of the newest value among the last
/// <c>window</c> non-NaN values, itself included. Only the past is used. Kept as a sorted array,
/// so a push costs one binary search and one block move.
/// </summary>
public sealed class TrailingPercentRank
{
    private readonly int _window;
    private readonly Queue<double> _fifo = new();
    private readonly List<double> _sorted = new();

    public TrailingPercentRank(int window)
    {
        if (window < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(window), $"Window {window} must be at least 1.");
        }

        _window = window;
    }

    /// <summary>Adds <paramref name="value"/> and returns its rank; NaN returns NaN and is not stored.</summary>
    public double Push(double value)
    {
        if (double.IsNaN(value))
        {
            return double.NaN;
        }

        if (_fifo.Count == _window)
        {
            var old = _fifo.Dequeue();
            _sorted.RemoveAt(LowerBound(old));
        }

        _fifo.Enqueue(value);
        _sorted.Insert(LowerBound(value), value);
        var lo = LowerBound(value);
        var hi = UpperBound(value);

        // ranks lo+1 .. hi; average = (lo + 1 + hi) / 2.
        var average = (lo + 1 + hi) / 2.0;
        return average / _sorted.Count;
    }

    private int LowerBound(double v)
    {
        int lo = 0, hi = _sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_sorted[mid] < v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private int UpperBound(double v)
    {
        int lo = 0, hi = _sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_sorted[mid] <= v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
