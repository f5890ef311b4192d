namespace ActorBot.Domain.ShockFlip.Rolling;

/// <summary>
/// Rolling max or min over the last <c>window</c> values (monotonic deque, O(1) amortised), NaN
/// until <c>minPeriods</c> values have been seen. Exact: no arithmetic is involved.
/// </summary>
public sealed class RollingExtreme
{
    private readonly int _window;
    private readonly int _minPeriods;
    private readonly bool _max;
    private readonly LinkedList<(long Index, double Value)> _deque = new();
    private long _count;

    public RollingExtreme(int window, int minPeriods, bool max)
    {
        if (window < 1 || minPeriods < 1 || minPeriods > window)
        {
            throw new ArgumentOutOfRangeException(nameof(window), $"window {window} / min_periods {minPeriods} is not valid.");
        }

        _window = window;
        _minPeriods = minPeriods;
        _max = max;
    }

    public void Push(double value)
    {
        var index = _count++;
        while (_deque.First is { } first && first.Value.Index <= index - _window)
        {
            _deque.RemoveFirst();
        }

        // NaN never enters the deque: pandas skips it; inputs here (high/low) are never NaN.
        if (!double.IsNaN(value))
        {
            while (_deque.Last is { } last && (_max ? last.Value.Value <= value : last.Value.Value >= value))
            {
                _deque.RemoveLast();
            }

            _deque.AddLast((index, value));
        }
    }

    public double Value => Math.Min(_count, _window) >= _minPeriods && _deque.First is { } f ? f.Value.Value : double.NaN;
}
