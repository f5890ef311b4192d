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

    /// <summary>
    /// Several venues, each on its own simulator: each simulator replays every recording but the venue subscribes only
    /// its symbols, so frames and forwarded trades are not comparable; the end is when every replay has completed and
    /// each venue's forwarded trades, then the strategy, stop changing.
    /// </summary>
    public static async Task WaitAllAsync(ActorSystem system, IReadOnlyList<(string Venue, EmbeddedSimulator Sim)> venues, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(venues);
        await Task.WhenAll(venues.Select(v => v.Sim.Host.ReplayCompletion.WaitAsync(ct))).ConfigureAwait(false);
        var actors = system.ActorSelection("/user/venues");
        using var settle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        settle.CancelAfter(SettleLimit);
        try
        {
            await QuietAsync(async t =>
            {
                var counts = new List<long>();
                foreach (var (venue, _) in venues)
                {
                    counts.Add((await ProbeAsk.TryAsync<MarketStreamStatus>(actors, new AskVenue(venue, GetMarketStreamStatus.Instance), t).ConfigureAwait(false))?.TradesForwarded ?? -1);
                }

                return string.Join(',', counts);
            }, settle.Token).ConfigureAwait(false);
            await QuietAsync(async t =>
            {
                var s = await ProbeAsk.TryAsync<StrategyStatus>(system.ActorSelection("/user/strategy"), GetStrategyStatus.Instance, t).ConfigureAwait(false);
                return s is null ? string.Empty : $"{s.Bars},{s.Signals},{s.Trades}";
            }, settle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Settling took too long (a stuck stream): end anyway; the summary says what was done.
        }
    }

    /// <summary>Until <paramref name="read"/> answers the same over <see cref="Quiet"/>.</summary>
    private static async Task QuietAsync(Func<CancellationToken, Task<string>> read, CancellationToken ct)
    {
        using var tick = new PeriodicTimer(Poll);
        string? last = null;
        var quietSince = DateTime.UtcNow;
        while (DateTime.UtcNow - quietSince < Quiet)
        {
            await tick.WaitForNextTickAsync(ct).ConfigureAwait(false);
            var now = await read(ct).ConfigureAwait(false);
            if (now != last)
            {
                last = now;
                quietSince = DateTime.UtcNow;
            }
        }
    }

    public static async Task WaitAsync(ActorSystem system, EmbeddedSimulator sim, string venue, CancellationToken ct)
    {
        await sim.Host.ReplayCompletion.WaitAsync(ct).ConfigureAwait(false);
        // Only aggTrade frames become forwarded trades (liquidation and mark-price frames do not).
        var frames = sim.Host.Replayer.AggTradeFramesReplayed;
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
