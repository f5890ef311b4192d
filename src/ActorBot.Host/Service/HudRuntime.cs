using ActorBot.Domain.Barriers;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Hud;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>
/// The Telegram HUD of the running service (<c>/user/hud</c>), or nothing: the bot token and chat id come from the
/// environment only (<see cref="TokenVariable"/>, <see cref="ChatVariable"/>); without a token, or with
/// <c>actorbot.hud.enabled = off</c>, the HUD is off and <see cref="Create"/> says so in one line. The host owns the
/// sender (a singleton) and disposes its HTTP client when it stops.
/// </summary>
public sealed class HudRuntime : IDisposable
{
    public const string TokenVariable = "ACTORBOT_TELEGRAM_BOT_TOKEN";
    public const string ChatVariable = "ACTORBOT_TELEGRAM_CHAT_ID";

    private readonly HudSettings _settings;
    private readonly HudStartup _startup;
    private readonly TelegramHudSender _sender;

    private HudRuntime(HudSettings settings, HudStartup startup, TelegramHudSender sender)
    {
        _settings = settings;
        _startup = startup;
        _sender = sender;
    }

    /// <summary>
    /// Reads <c>actorbot.hud</c> and the environment. A bad key, a token without a chat id or a malformed token is a
    /// <see cref="ConfigurationException"/> (exit 2) whose message never contains the token.
    /// </summary>
    /// <param name="note">one line for the log: whether the HUD is on, and if not, why.</param>
    public static HudRuntime? Create(Config config, BotSettings bot, BarrierGeometry? geometry, Func<string, string?> environment, out string note)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = HudSettings.FromConfig(config);
        if (!settings.Enabled)
        {
            note = "Telegram HUD off: actorbot.hud.enabled = off";
            return null;
        }

        var token = environment(TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            note = $"Telegram HUD off: {TokenVariable} is not set";
            return null;
        }

        var chat = environment(ChatVariable);
        if (string.IsNullOrWhiteSpace(chat))
        {
            throw new ConfigurationException($"{TokenVariable} is set but {ChatVariable} is not: set the chat id the HUD writes to, or unset the token to run without the HUD");
        }

        TelegramHudSender sender;
        try
        {
            sender = new TelegramHudSender(settings.BaseUrl, token.Trim(), chat, settings.SendTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException(ex.Message);
        }

        note = $"Telegram HUD on: chat {chat.Trim()} via {settings.BaseUrl}, at most {settings.Throttle.MaxPerMinute} messages a minute";
        return new HudRuntime(settings, new HudStartup(bot.Mode, [bot.Venue], bot.Symbols, geometry), sender);
    }

    /// <summary>Starts <c>/user/hud</c>; call before <c>/user/bot</c> starts so its first SAFE_PAUSE is seen.</summary>
    public IActorRef Start(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var hud = system.ActorOf(Props.Create(() => new HudActor(_settings, _startup, _sender)), "hud");
        HudActor.Subscribe(system, hud);
        return hud;
    }

    public void Dispose() => _sender.Dispose();
}
