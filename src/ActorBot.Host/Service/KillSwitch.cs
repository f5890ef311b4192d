using ActorBot.Engine.Bot;
using ActorBot.Engine.Configuration;
using ActorBot.Engine.Hud;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues.Execution;
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

    public KillSwitch(ILogger<KillSwitch> log, ActorRegistry registry, ServiceConfiguration configuration)
    {
        _log = log;
        _registry = registry;
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
        Hud(new KillSwitchChanged(true, source));
        // Cancel-all (orders and algo orders) on the venue that trades, and optionally a reduce-only flatten.
        if (_registry.TryGet<ExecutionActor>(out var execution))
        {
            execution.Tell(new CancelAll(_flatten, ActorRefs.Nobody));
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
