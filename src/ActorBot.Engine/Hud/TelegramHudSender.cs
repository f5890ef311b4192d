using System.Net.Http;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace ActorBot.Engine.Hud;

/// <summary>
/// <see cref="IHudSender"/> on the <c>Telegram.Bot</c> client: sendMessage to one chat, at a configurable Bot API
/// base URL. The client's own 429 retry is off (the HUD's throttle owns waiting). The token is part of every
/// request URL, so it is scrubbed from any error text before that text leaves this class.
/// </summary>
public sealed class TelegramHudSender : IHudSender, IDisposable
{
    private readonly TelegramBotClient _client;
    private readonly HttpClient _http;
    private readonly string _token;
    private readonly string _chatId;
    private readonly TimeSpan _timeout;

    /// <exception cref="ArgumentException">the token or the URL is malformed (the message never contains the token).</exception>
    public TelegramHudSender(string baseUrl, string token, string chatId, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        _token = token;
        _chatId = chatId.Trim();
        _timeout = timeout;
        TelegramBotClientOptions options;
        try
        {
            options = new TelegramBotClientOptions(token, baseUrl) { RetryCount = 0 };
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("ACTORBOT_TELEGRAM_BOT_TOKEN is not a bot token (expected <bot id>:<secret>) or actorbot.hud.telegram.base-url is not an http(s) URL");
        }

        // Infinite here: each send has its own deadline (the HUD's send-timeout) through the cancellation token.
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _client = new TelegramBotClient(options, _http);
    }

    public async Task<HudSendResult> SendAsync(string text, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            await _client.SendMessage(_chatId, text, linkPreviewOptions: Telegram.Bot.Types.LinkPreviewOptions.Disabled, cancellationToken: deadline.Token).ConfigureAwait(false);
            return HudSendResult.Sent;
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429 || ex.Parameters?.RetryAfter is not null)
        {
            return HudSendResult.RateLimited(TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1)));
        }
        catch (ApiRequestException ex)
        {
            return HudSendResult.Failed(Scrub($"Bot API error {ex.ErrorCode}: {ex.Message}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HudSendResult.Failed($"no answer from the Bot API within {_timeout.TotalSeconds:0.#}s");
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException or InvalidOperationException or OperationCanceledException)
        {
            return HudSendResult.Failed(Scrub($"{ex.GetType().Name}: {ex.GetBaseException().Message}"));
        }
    }

    public void Dispose() => _http.Dispose();

    private string Scrub(string text) => text.Replace(_token, "<redacted>", StringComparison.Ordinal);
}
