namespace ActorBot.Domain.ShockFlip.Rolling;

/// <summary>
/// Rolling variance / standard deviation with pandas' online algorithm (SPEC §4.9): Welford's
/// update with Kahan compensation (separate terms for add and remove), remove before add,
/// var = M2 / (n − ddof), 0 for n = 1 or a run of identical values. NaN inputs are skipped.
/// </summary>
public sealed class RollingVariance
{
    private readonly int _window;
    private readonly int _minPeriods;
    private readonly int _ddof;
    private readonly double[] _ring;
    private long _count;
    private double _nobs;
    private double _mean;
    private double _ssqdm;
    private double _compAdd;
    private double _compRemove;
    private long _sameRun;
    private double _prev = double.NaN;

    public RollingVariance(int window, int minPeriods, int ddof)
    {
        if (window < 1 || minPeriods < 0 || minPeriods > window || ddof < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(window), $"window {window} / min_periods {minPeriods} / ddof {ddof} is not valid.");
        }

        _window = window;
        _minPeriods = minPeriods;
        _ddof = ddof;
        _ring = new double[window];
    }

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

    public double Variance
    {
        get
        {
            if (_nobs < _minPeriods || _nobs <= _ddof)
            {
                return double.NaN;
            }

            if (_nobs == 1 || _sameRun >= _nobs)
            {
                return 0.0;
            }

            return _ssqdm / (_nobs - _ddof);
        }
    }

    public double StdDev
    {
        get
        {
            var v = Variance;
            return double.IsNaN(v) ? double.NaN : Math.Sqrt(Math.Max(v, 0.0));
        }
    }

    private void Add(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        _nobs++;
        if (value == _prev)
        {
            _sameRun++;
        }
        else
        {
            _sameRun = 1;
        }

        _prev = value;
        var prevMean = _mean - _compAdd;
        var y = value - _compAdd;
        var t = y - _mean;
        _compAdd = t + _mean - y;
        var delta = t;
        _mean = _nobs != 0 ? _mean + (delta / _nobs) : 0.0;
        _ssqdm += (value - prevMean) * (value - _mean);
    }

    private void Remove(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        _nobs--;
        if (_nobs != 0)
        {
            var prevMean = _mean - _compRemove;
            var y = value - _compRemove;
            var t = y - _mean;
            _compRemove = t + _mean - y;
            var delta = t;
            _mean -= delta / _nobs;
            _ssqdm -= (value - prevMean) * (value - _mean);
        }
        else
        {
            _mean = 0.0;
            _ssqdm = 0.0;
        }
    }
}
