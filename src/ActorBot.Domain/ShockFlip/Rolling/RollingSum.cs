namespace ActorBot.Domain.ShockFlip.Rolling;

/// <summary>
/// Rolling sum / mean over the last <c>window</c> values with pandas' online algorithm (SPEC §4.9):
/// Kahan-compensated add and remove with separate compensation terms, remove before add, the
/// "same value" override (a run of identical values yields value × n exactly) and, for the mean,
/// the sign override. Reproducing it bit for bit is what lets replay match the research features.
/// NaN inputs are skipped (not counted), as in pandas.
/// </summary>
public sealed class RollingSum
{
    private readonly int _window;
    private readonly int _minPeriods;
    private readonly double[] _ring;
    private long _count;
    private int _nobs;
    private int _negatives;
    private double _sum;
    private double _compAdd;
    private double _compRemove;
    private int _sameRun;
    private double _prev = double.NaN;

    public RollingSum(int window, int minPeriods)
    {
        if (window < 1 || minPeriods < 0 || minPeriods > window)
        {
            throw new ArgumentOutOfRangeException(nameof(window), $"window {window} / min_periods {minPeriods} is not valid.");
        }

        _window = window;
        _minPeriods = minPeriods;
        _ring = new double[window];
    }

    /// <summary>Pushes the next value (dropping the one that leaves the window first).</summary>
    public void Push(double value)
    {
        if (_count >= _window)
        {
            Remove(_ring[_count % _window]);
        }
        else if (_count == 0)
        {
            _prev = value;
            _sameRun = 0;
        }

        _ring[_count % _window] = value;
        _count++;
        Add(value);
    }

    public double Sum
    {
        get
        {
            if (_nobs == 0 && _minPeriods == 0)
            {
                return 0.0;
            }

            if (_nobs < _minPeriods || _nobs == 0)
            {
                return double.NaN;
            }

            return _sameRun >= _nobs ? _prev * _nobs : _sum;
        }
    }

    public double Mean
    {
        get
        {
            if (_nobs < _minPeriods || _nobs == 0)
            {
                return double.NaN;
            }

            var result = _sum / _nobs;
            if (_sameRun >= _nobs)
            {
                return _prev;
            }

            if (_negatives == 0 && result < 0)
            {
                return 0.0;
            }

            if (_negatives == _nobs && result > 0)
            {
                return 0.0;
            }

            return result;
        }
    }

    private void Add(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        _nobs++;
        var y = value - _compAdd;
        var t = _sum + y;
        _compAdd = t - _sum - y;
        _sum = t;
        if (double.IsNegative(value))
        {
            _negatives++;
        }

        if (value == _prev)
        {
            _sameRun++;
        }
        else
        {
            _sameRun = 1;
        }

        _prev = value;
    }

    private void Remove(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        _nobs--;
        var y = -value - _compRemove;
        var t = _sum + y;
        _compRemove = t - _sum - y;
        _sum = t;
        if (double.IsNegative(value))
        {
            _negatives--;
        }
    }
}
