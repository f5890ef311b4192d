using ActorBot.Engine.Strategy;
using ActorBot.Engine.Venues;
using Akka.Actor;

namespace ActorBot.Host.Service;

/// <summary>
/// When a run on the embedded simulator is done: the replay has sent its last trade, the venue's market actor has
/// forwarded every one of them to the symbols, and the strategy has stopped changing (its bars, decisions and trades
/// read the same over <see cref="Quiet"/>), so the summary counts everything the data caused.
/// </summary>
internal static class DemoEnd
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(30);

    public static async Task WaitAsync(ActorSystem system, EmbeddedSimulator sim, string venue, CancellationToken ct)
    {
        await sim.Host.ReplayCompletion.WaitAsync(ct).ConfigureAwait(false);
        var frames = sim.Host.Replayer.FramesReplayed;
        var venues = system.ActorSelection("/user/venues");
        using var tick = new PeriodicTimer(Poll);
        using var settle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        settle.CancelAfter(SettleLimit);
        try
        {
            // Every replayed aggTrade frame is one trade the market actor forwards (after any backfill).
            while (await ProbeAsk.TryAsync<MarketStreamStatus>(venues, new AskVenue(venue, GetMarketStreamStatus.Instance), settle.Token).ConfigureAwait(false) is not { } market
                || market.TradesForwarded < frames)
            {
                await tick.WaitForNextTickAsync(settle.Token).ConfigureAwait(false);
            }

            (long, long, long)? last = null;
            var quietSince = DateTime.UtcNow;
            while (DateTime.UtcNow - quietSince < Quiet)
            {
                await tick.WaitForNextTickAsync(settle.Token).ConfigureAwait(false);
                var s = await ProbeAsk.TryAsync<StrategyStatus>(system.ActorSelection("/user/strategy"), GetStrategyStatus.Instance, settle.Token).ConfigureAwait(false);
                var now = s is null ? ((long, long, long)?)null : (s.Bars, s.Signals, s.Trades);
                if (now != last)
                {
                    last = now;
                    quietSince = DateTime.UtcNow;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Settling took too long (a stuck stream): end anyway; the summary says what was done.
        }
    }
}
