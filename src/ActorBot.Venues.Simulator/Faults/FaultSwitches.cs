namespace ActorBot.Venues.Simulator.Faults;

/// <summary>
/// Faults switchable at run time (in-process or via <c>POST /admin/faults</c>). Plain volatile fields:
/// each switch is read independently on the request path; no invariant spans two of them.
/// </summary>
public sealed class FaultSwitches
{
    private int _rest500Remaining;
    private int _orderUnknownRemaining;
    private int _badJsonRemaining;
    private int _heldAlgoOrders;
    private TaskCompletionSource _algoGate = Open();

    /// <summary>Every REST answer is delayed by this much (timeouts, slow venue).</summary>
    public TimeSpan RestDelay { get; set; }

    /// <summary>The server clock runs this far ahead (negative: behind): signed requests see −1021 until the client resyncs.</summary>
    public long ClockSkewMs { get; set; }

    /// <summary>WebSocket sessions stay open but receive nothing (frames are dropped, as on a silent stall).</summary>
    public volatile bool WsStall;

    /// <summary>New WebSocket connections are refused (HTTP 503 before the upgrade).</summary>
    public volatile bool RefuseConnect;

    /// <summary>The next N REST requests answer HTTP 500.</summary>
    public int Rest500Remaining
    {
        get => Volatile.Read(ref _rest500Remaining);
        set => Volatile.Write(ref _rest500Remaining, value);
    }

    /// <summary>The next N new orders are executed, but the answer is HTTP 503 "execution status unknown".</summary>
    public int OrderUnknownRemaining
    {
        get => Volatile.Read(ref _orderUnknownRemaining);
        set => Volatile.Write(ref _orderUnknownRemaining, value);
    }

    /// <summary>
    /// The next N REST answers that would be HTTP 200 keep their status but lose the second half of their body
    /// (a truncated, unparseable JSON document, as from a proxy that cut the response): the client must count a
    /// decode error and go on.
    /// </summary>
    public int BadJsonRemaining
    {
        get => Volatile.Read(ref _badJsonRemaining);
        set => Volatile.Write(ref _badJsonRemaining, value);
    }

    internal bool TakeBadJson() => TakeOne(ref _badJsonRemaining);

    /// <summary>New algo orders (POST /fapi/v1/algoOrder) waiting at the gate, not yet seen by the engine.</summary>
    public int HeldAlgoOrders => Volatile.Read(ref _heldAlgoOrders);

    /// <summary>
    /// From now on, new algo orders wait before the engine sees them (a bracket in flight while its sender crashes):
    /// they reach the venue when <see cref="ReleaseAlgoOrders"/> is called, or never if the client gives up first.
    /// </summary>
    public void HoldAlgoOrders()
    {
        if (Volatile.Read(ref _algoGate).Task.IsCompleted)
        {
            Volatile.Write(ref _algoGate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    /// <summary>Lets every held algo order through to the engine (in arrival order is not promised) and stops holding.</summary>
    public void ReleaseAlgoOrders() => Volatile.Read(ref _algoGate).TrySetResult();

    internal async Task WaitAtAlgoGateAsync(CancellationToken ct)
    {
        var gate = Volatile.Read(ref _algoGate).Task;
        if (gate.IsCompleted)
        {
            return;
        }

        Interlocked.Increment(ref _heldAlgoOrders);
        try
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _heldAlgoOrders);
        }
    }

    internal bool TakeRest500() => TakeOne(ref _rest500Remaining);

    internal bool TakeOrderUnknown() => TakeOne(ref _orderUnknownRemaining);

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
