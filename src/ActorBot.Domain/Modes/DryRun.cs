namespace ActorBot.Domain.Modes;

/// <summary>
/// <c>DRY_RUN</c>: when on, nothing reaches a venue whatever else is set. Fail-safe parsing: unset, empty,
/// <c>0</c>, <c>false</c>, <c>no</c>, <c>off</c> mean off; any other value (including a typo) means on,
/// because a misspelt "true" must not arm real orders.
/// </summary>
public static class DryRun
{
    public const string Variable = "DRY_RUN";

    public static bool IsOn(string? value)
    {
        var v = value?.Trim().ToLowerInvariant();
        return !string.IsNullOrEmpty(v) && v is not ("0" or "false" or "no" or "off");
    }

    /// <summary>Paper stays paper; every other mode becomes shadow, so no order leaves the process.</summary>
    public static TradeMode Force(TradeMode requested) => requested == TradeMode.Paper ? TradeMode.Paper : TradeMode.Shadow;
}
