using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActorBot.Host.Tests.Hud;

/// <summary>How the fake answers one request.</summary>
public enum FakeAnswer
{
    Ok,

    /// <summary>HTTP 429 with <c>parameters.retry_after</c> = <see cref="FakeBotApi.RetryAfterSeconds"/>.</summary>
    TooManyRequests,
    ServerError,

    /// <summary>No answer until the fake is disposed (a Bot API that hangs).</summary>
    Hang,
}

/// <summary>One request the fake received, with the answer it gave.</summary>
public sealed record ReceivedRequest(string Token, string Method, string? ChatId, string? Text, FakeAnswer Answer);

/// <summary>
/// A local stand-in for the Telegram Bot API (Kestrel on a random loopback port): records every
/// <c>POST /bot{token}/{method}</c> with its chat id and text and answers with the next scripted
/// <see cref="FakeAnswer"/> (then <see cref="FakeAnswer.Ok"/> once the script is used up), in the Bot API's JSON shape.
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeAnswer> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly CancellationTokenSource _stopping = new();

    private FakeBotApi(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public int RetryAfterSeconds { get; set; } = 7;

    public IReadOnlyList<ReceivedRequest> Received => _received.ToArray();

    public IReadOnlyList<string> Texts => _received.Where(r => r.Answer == FakeAnswer.Ok).Select(r => r.Text ?? string.Empty).ToArray();

    public static async Task<FakeBotApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeBotApi(app);
        app.Run(fake.Handle);
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return fake;
    }

    /// <summary>Answers the next requests with these, in order.</summary>
    public void Script(params FakeAnswer[] answers)
    {
        foreach (var a in answers)
        {
            _script.Enqueue(a);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task Handle(HttpContext http)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        var slash = path.IndexOf('/', 1);
        if (!path.StartsWith("/bot", StringComparison.Ordinal) || slash < 0)
        {
            http.Response.StatusCode = 404;
            return;
        }

        var (chat, text) = await ReadMessage(http.Request);
        var answer = _script.TryDequeue(out var scripted) ? scripted : FakeAnswer.Ok;
        _received.Enqueue(new ReceivedRequest(path[4..slash], path[(slash + 1)..], chat, text, answer));
        http.Response.ContentType = "application/json";
        switch (answer)
        {
            case FakeAnswer.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, http.RequestAborted).Token);
                }
                catch (OperationCanceledException)
                {
                }

                return;
            case FakeAnswer.TooManyRequests:
                http.Response.StatusCode = 429;
                await http.Response.WriteAsync($$$"""{"ok":false,"error_code":429,"description":"Too Many Requests: retry after {{{RetryAfterSeconds}}}","parameters":{"retry_after":{{{RetryAfterSeconds}}}}}""");
                return;
            case FakeAnswer.ServerError:
                http.Response.StatusCode = 500;
                await http.Response.WriteAsync("""{"ok":false,"error_code":500,"description":"Internal Server Error"}""");
                return;
            default:
                var chatId = long.TryParse(chat, out var id) ? id : 1;
                await http.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    ok = true,
                    result = new { message_id = _received.Count, date = 1_765_000_000, chat = new { id = chatId, type = "private" }, text },
                }));
                return;
        }
    }

    private static async Task<(string? Chat, string? Text)> ReadMessage(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            return (form["chat_id"].ToString(), form["text"].ToString());
        }

        using var body = await JsonDocument.ParseAsync(request.Body);
        var root = body.RootElement;
        string? chat = root.TryGetProperty("chat_id", out var c) ? (c.ValueKind == JsonValueKind.Number ? c.GetRawText() : c.GetString()) : null;
        string? text = root.TryGetProperty("text", out var t) ? t.GetString() : null;
        return (chat, text);
    }
}
