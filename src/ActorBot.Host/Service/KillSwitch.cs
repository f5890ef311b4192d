using ActorBot.Engine.Bot;
using ActorBot.Engine.Configuration;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues;
using Akka.Actor;
using Akka.Hosting;

namespace ActorBot.Host.Service;

/// <summary>
/// The kill switch of the running service, engaged from any of its sources: the <c>KILL_SWITCH</c> environment
/// variable at start, a file (<c>actorbot.kill-switch.file</c>), the probe's authenticated <c>POST /kill</c>, or
/// <c>actorbot kill</c> (which calls that endpoint). Engaging tells <c>/user/bot</c>, which pauses every symbol's
/// entries (SAFE_PAUSE "kill switch"); releasing is an explicit operator act. State lives in the bot actor; this
/// object only remembers who engaged it, for the probe and the log.
/// </summary>
public sealed class KillSwitch
{
    private readonly Lock _lock = new();
    private readonly ILogger<KillSwitch> _log;
    private readonly ActorRegistry _registry;
    private readonly bool _flatten;
    private readonly TradingRuntime? _trading;

    /// <param name="services">the optional <see cref="TradingRuntime"/> (testnet/live with keys) comes from here.</param>
    public KillSwitch(ILogger<KillSwitch> log, ActorRegistry registry, ServiceConfiguration configuration, IServiceProvider services)
    {
        _log = log;
        _registry = registry;
        _trading = services.GetService<TradingRuntime>();
        _flatten = configuration.Config.Flag("actorbot.kill-switch.flatten", false);
    }

    public bool Engaged { get; private set; }

    public string? Source { get; private set; }

    public DateTimeOffset? Since { get; private set; }

    public void Engage(IActorRef bot, string source)
    {
        lock (_lock)
        {
            if (Engaged)
            {
                return;
            }

            Engaged = true;
            Source = source;
            Since = DateTimeOffset.UtcNow;
        }

        bot.Tell(new SetKillSwitch(true));
        // Cancel-all (orders and algo orders) on the venue that trades (/user/venues/{venue}/execution, reached through
        // /user/venues), and optionally a reduce-only flatten.
        if (_trading is not null && _registry.TryGet<VenuesActor>(out var venues))
        {
            venues.Tell(new AskVenue(_trading.Venue.Venue, new CancelAll(_flatten, ActorRefs.Nobody)));
        }

        _log.LogWarning("KILL SWITCH engaged by {Source}: no new entries on any symbol until released; cancel-all sent{Flatten}", source, _flatten ? " with flatten" : string.Empty);
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
        _log.LogWarning("kill switch released by {Source}", source);
    }
}
