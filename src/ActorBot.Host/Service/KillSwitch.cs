using ActorBot.Engine.Bot;
using Akka.Actor;

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

    public KillSwitch(ILogger<KillSwitch> log) => _log = log;

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
        _log.LogWarning("KILL SWITCH engaged by {Source}: no new entries on any symbol until released", source);
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
