namespace ActorBot.Domain.Barriers;

/// <summary>How a barrier trade ended.</summary>
public enum ExitReason
{
    TakeProfit,
    StopLoss,
    Breakeven,
    Horizon,

    /// <summary>No bar was available at all (the research's empty path): r = 0.</summary>
    NoBars,
}

/// <summary>
/// The result of one barrier trade, in R. <see cref="ExitTimeMs"/> is the open time of the bar the
/// exit happened in (the research's <c>exit_time</c>); null for an empty path.
/// </summary>
public sealed record TradeOutcome(
    double RFinal,
    double MfeR,
    double MaeR,
    ExitReason Reason,
    long? ExitTimeMs,
    double ExitPrice,
    bool HitBreakeven,
    int BarsHeld)
{
    /// <summary>The label the frozen model was trained on: r_final &gt; 0.</summary>
    public int WinLabel => RFinal > 0 ? 1 : 0;
}
