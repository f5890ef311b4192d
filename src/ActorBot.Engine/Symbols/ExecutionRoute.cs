using ActorBot.Domain.ShockFlip;
using Akka.Actor;

namespace ActorBot.Engine.Symbols;

/// <summary>
/// How a symbol's entries reach the venue (testnet, live): /trader sends <see cref="Trading.TradeIntent"/> to
/// <paramref name="Risk"/> for <paramref name="Venue"/>; /shockflip tells <paramref name="Risk"/> when the symbol has
/// seen <paramref name="WarmupBars"/> bars. A horizon close (<see cref="Trading.ClosePosition"/>) not answered with
/// <see cref="Trading.PositionClosed"/> within <paramref name="CloseRetryAfter"/> (null: <see cref="DefaultCloseRetry"/>)
/// is sent again.
/// </summary>
public sealed record ExecutionRoute(IActorRef Risk, string Venue, int WarmupBars, TimeSpan? CloseRetryAfter = null)
{
    /// <summary>Long enough for a reduce-only close and two cancels (execution retries a failed flatten itself), short
    /// enough that a close lost on the way (execution restarting) is asked for again well within a bar.</summary>
    public static readonly TimeSpan DefaultCloseRetry = TimeSpan.FromSeconds(30);

    /// <summary>How long the trader waits for <see cref="Trading.PositionClosed"/> before sending a close again.</summary>
    public TimeSpan CloseRetry => CloseRetryAfter ?? DefaultCloseRetry;

    /// <summary>
    /// Bars the detector needs before its rolling windows are full: the longest of them. The 10-day causal
    /// statistics window is left out on purpose — it is defined from the first bar (trailing), and waiting for it
    /// would block entries for 10 days after every restart.
    /// </summary>
    public static int WarmupBarsFor(ShockFlipParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new[] { p.ZWindow, p.SlopeWindow, p.EmaSlowSpan, p.DonchianWindow, p.AtrWindow, p.PriorFlowWindow, p.RelVolWindow }.Max();
    }
}
