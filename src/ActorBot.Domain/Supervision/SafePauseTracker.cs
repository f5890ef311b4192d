namespace ActorBot.Domain.Supervision;

/// <summary>
/// SAFE_PAUSE bookkeeping: which causes are active, and when they may clear. A cause is raised at once
/// (pausing is always safe) but cleared only after it has stayed clear for the hysteresis window, so a
/// feed that flaps between fresh and stale does not toggle entries on and off. Pure: time comes in as
/// milliseconds from the caller (the actor's scheduler, or event time in replay).
/// </summary>
public sealed class SafePauseTracker
{
    private readonly long _hysteresisMs;
    private readonly Dictionary<PauseReason, long?> _active = [];

    public SafePauseTracker(TimeSpan hysteresis)
    {
        if (hysteresis < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(hysteresis), hysteresis, "hysteresis must not be negative");
        }

        _hysteresisMs = (long)hysteresis.TotalMilliseconds;
    }

    /// <summary>Active causes (including ones waiting out their hysteresis), ordered for stable output.</summary>
    public IReadOnlyList<PauseReason> ActiveReasons =>
        _active.Keys.OrderBy(r => r.Kind).ThenBy(r => r.Scope, StringComparer.Ordinal).ToList();

    /// <summary>Causes marked clear that are waiting out their hysteresis (still pausing).</summary>
    public IReadOnlyList<PauseReason> ClearingReasons =>
        _active.Where(kv => kv.Value is not null).Select(kv => kv.Key)
            .OrderBy(r => r.Kind).ThenBy(r => r.Scope, StringComparer.Ordinal).ToList();

    public bool IsPausedAnywhere => _active.Count > 0;

    /// <summary>Raises a cause; returns true if it was not active before (a transition worth reporting).</summary>
    public bool Raise(PauseReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var isNew = !_active.ContainsKey(reason);
        _active[reason] = null; // a re-raise cancels any pending clear
        return isNew;
    }

    /// <summary>Marks a cause as clear from <paramref name="nowMs"/> on; it leaves after the hysteresis.</summary>
    public void MarkClear(PauseReason reason, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (_active.TryGetValue(reason, out var clearingSince) && clearingSince is null)
        {
            _active[reason] = nowMs;
        }
    }

    /// <summary>Drops causes whose clear period has lasted the hysteresis; returns the ones dropped.</summary>
    public IReadOnlyList<PauseReason> Expire(long nowMs)
    {
        var cleared = _active
            .Where(kv => kv.Value is { } since && nowMs - since >= _hysteresisMs)
            .Select(kv => kv.Key)
            .OrderBy(r => r.Kind).ThenBy(r => r.Scope, StringComparer.Ordinal)
            .ToList();
        foreach (var reason in cleared)
        {
            _active.Remove(reason);
        }

        return cleared;
    }

    /// <summary>The causes that pause new entries on <paramref name="symbol"/> traded on <paramref name="venue"/>.</summary>
    public IReadOnlyList<PauseReason> ReasonsFor(string venue, string symbol) =>
        ActiveReasons
            .Where(r => r.Scope == PauseReason.Global
                        || (r.IsSymbolScoped && r.Scope == symbol)
                        || (r.IsVenueScoped && r.Scope == venue))
            .ToList();

    public bool IsPaused(string venue, string symbol) => ReasonsFor(venue, symbol).Count > 0;
}
