namespace Akka.Actor;

/// <summary>A cancellation flag for scheduled work (the CancellationToken is created only on demand).</summary>
internal sealed class Cancelable : ICancelable
{
    private volatile bool _cancelled;
    private CancellationTokenSource? _source;

    public bool IsCancellationRequested => _cancelled;

    public CancellationToken Token
    {
        get
        {
            lock (this)
            {
                _source ??= new CancellationTokenSource();
                if (_cancelled)
                {
                    _source.Cancel();
                }

                return _source.Token;
            }
        }
    }

    public void Cancel() => Cancel(false);

    public void Cancel(bool throwOnFirstException)
    {
        _cancelled = true;
        CancellationTokenSource? source;
        lock (this)
        {
            source = _source;
        }

        source?.Cancel(throwOnFirstException);
    }

    public void CancelAfter(TimeSpan delay) => Task.Delay(delay).ContinueWith(_ => Cancel(), TaskScheduler.Default);

    public void CancelAfter(int millisecondsDelay) => CancelAfter(TimeSpan.FromMilliseconds(millisecondsDelay));
}
