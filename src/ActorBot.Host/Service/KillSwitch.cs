using ActorBot.Engine.Bot;
using ActorBot.Engine.Hud;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Execution;
using Akka.Actor;
using Akka.Hosting;

namespace ActorBot.Host.Service;

/// <summary>
/// The kill switch of the running service, engaged from any of its sources: the <c>KILL_SWITCH</c> environment
/// variable at start, a file (<c>actorbot.kill-switch.file</c>), the probe's authenticated <c>POST /kill</c>, or
/// <c>actorbot kill</c> (which calls that endpoint). Engaging tells <c>/user/bot</c>, which pauses every symbol's
/// entries (SAFE_PAUSE "kill switch"), and asks EVERY trading venue's execution, side by side, for a cancel-all (orders
/// and algo orders; with <c>actorbot.kill-switch.flatten</c> also a reduce-only close of every position), whose answers —
/// the counts and the wall time each took — are logged, kept for the probe and returned to the caller combined
/// (<c>POST /kill</c> shows it; <see cref="LastCancelAllByVenue"/> has each venue's).
/// Releasing is an explicit operator act. State lives in the bot actor; this object only remembers who engaged it
/// and what the last cancel-all did.
/// </summary>
public sealed class KillSwitch
{
    private readonly Lock _lock = new();
    private readonly ILogger<KillSwitch> _log;
    private readonly ActorRegistry _registry;
    private readonly bool _flatten;
    private readonly IReadOnlyList<string> _venues;

    /// <param name="services">the optional <see cref="TradingRuntime"/> (testnet/live with keys) or <see cref="PaperRuntime"/> comes from here.</param>
    public KillSwitch(ILogger<KillSwitch> log, ActorRegistry registry, KillSwitchSettings settings, IServiceProvider services)
    {
        _log = log;
        _registry = registry;
        // The venues whose execution trades: testnet/live with keys, or paper's in-process ones; none: nothing to cancel.
        _venues = services.GetService<TradingRuntime>()?.Venues.Select(v => v.Venue.Venue).ToList()
                  ?? services.GetService<PaperRuntime>()?.Venues.Select(p => p.Venue).ToList()
                  ?? [];
        _flatten = settings.Flatten;
    }

    public bool Engaged { get; private set; }

    public string? Source { get; private set; }

    public DateTimeOffset? Since { get; private set; }

    /// <summary>
    /// The last cancel-all's answer, every venue's combined (venues named together, counts summed, the slowest's time);
    /// null: none yet, or no venue answered within <see cref="CancelAllTimeout"/>.
    /// </summary>
    public CancelAllDone? LastCancelAll { get; private set; }

    /// <summary>The last cancel-all's answer of each venue that answered in time.</summary>
    public IReadOnlyDictionary<string, CancelAllDone> LastCancelAllByVenue { get; private set; } = new Dictionary<string, CancelAllDone>();

    /// <summary>How long a caller waits for the cancel-all's answer; the venue calls themselves are meant to take under 1 s.</summary>
    public static readonly TimeSpan CancelAllTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Engages the kill switch; the task completes with the cancel-all's answer (null: already engaged, no execution
    /// in this mode, or no answer in time — logged as an ALERT). It never faults, so callers may discard it.
    /// </summary>
    public Task<CancelAllDone?> Engage(IActorRef bot, string source)
    {
        lock (_lock)
        {
            if (Engaged)
            {
                return Task.FromResult<CancelAllDone?>(null);
            }

            Engaged = true;
            Source = source;
            Since = DateTimeOffset.UtcNow;
        }

        bot.Tell(new SetKillSwitch(true));
        Hud(new KillSwitchChanged(true, source));
        // Cancel-all (orders and algo orders) on every venue that trades, all at once, and optionally a reduce-only
        // flatten: each /user/venues/{venue}/execution (testnet, live, or paper's in-process one), reached through /user/venues.
        var cancelAll = _venues.Count > 0 && _registry.TryGet<VenuesActor>(out var venues)
            ? CancelEveryVenueAsync(venues)
            : Task.FromResult<CancelAllDone?>(null);
        _log.LogWarning("KILL SWITCH engaged by {Source}: no new entries on any symbol until released; cancel-all sent{Flatten}", source, _flatten ? " with flatten" : string.Empty);
        return cancelAll;
    }

    private async Task<CancelAllDone?> CancelEveryVenueAsync(IActorRef venues)
    {
        var answers = await Task.WhenAll(_venues.Select(venue =>
            CancelAllAsync(venue, () => venues.Ask<CancelAllDone>(replyTo => new AskVenue(venue, new CancelAll(_flatten, replyTo)), CancelAllTimeout, CancellationToken.None)))).ConfigureAwait(false);
        var done = answers.OfType<CancelAllDone>().ToList();
        LastCancelAllByVenue = done.ToDictionary(d => d.Venue, StringComparer.Ordinal);
        LastCancelAll = done.Count switch
        {
            0 => null,
            1 => done[0],
            _ => new CancelAllDone(string.Join(", ", done.Select(d => d.Venue)), done.Sum(d => d.OrdersCanceled), done.Sum(d => d.AlgoOrdersCanceled),
                done.Sum(d => d.PositionsFlattened), done.Max(d => d.Took)),
        };
        return LastCancelAll;
    }

    private async Task<CancelAllDone?> CancelAllAsync(string venue, Func<Task<CancelAllDone>> ask)
    {
        try
        {
            var done = await ask().ConfigureAwait(false);
            _log.LogWarning("kill switch: cancel-all on {Venue} took {Ms:F0} ms: {Orders} orders and {Algos} algo orders canceled, {Positions} positions flattened",
                done.Venue, done.Took.TotalMilliseconds, done.OrdersCanceled, done.AlgoOrdersCanceled, done.PositionsFlattened);
            return done;
        }
        catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
        {
            _log.LogError("ALERT kill switch: cancel-all on {Venue} did not answer within {Timeout}; orders may still be working on the venue", venue, CancelAllTimeout);
            return null;
        }
    }

    public void Release(IActorRef bot, string source)
    {
        lock (_lock)
        {
            if (!Engaged)
            {
                return;
            }

            Engaged = false;
            Source = null;
            Since = null;
        }

        bot.Tell(new SetKillSwitch(false));
        Hud(new KillSwitchChanged(false, source));
        _log.LogWarning("kill switch released by {Source}", source);
    }

    private void Hud(KillSwitchChanged change)
    {
        if (_registry.TryGet<HudActor>(out var hud))
        {
            hud.Tell(change);
        }
    }
}
