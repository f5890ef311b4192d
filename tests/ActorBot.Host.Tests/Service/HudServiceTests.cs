using System.Net;
using System.Net.Sockets;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Hud;
using Akka.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorBot.Host.Tests.Service;

/// <summary>The running service with its Telegram HUD: against a fake Bot API on loopback, and against a dead one.</summary>
public sealed class HudServiceTests : IAsyncLifetime
{
    private const string Token = "123456789:FAKE-service-hud-token";
    private const string Chat = "4242";
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-hud-").FullName;
    private FakeBotApi _api = null!;
    private WebApplication? _app;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _api.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<HttpClient> Start(string baseUrl, string? token = Token)
    {
        var overrides = Path.Combine(_dir, "hud.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSDT]
            actorbot.hud.telegram.base-url = "{{baseUrl}}"
            actorbot.hud.send-timeout = 2s
            """);
        var env = new Dictionary<string, string?> { [HudRuntime.TokenVariable] = token, [HudRuntime.ChatVariable] = Chat };
        _app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Shadow, httpPortOverride: 0, env.GetValueOrDefault);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(5) };
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(8);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, what);
            await Task.Delay(20);
        }
    }

    [Fact(DisplayName = "The service with a token in the environment sends its startup message, SAFE_PAUSE and the kill switch to the chat")]
    public async Task Startup_message_arrives()
    {
        using var http = await Start(_api.BaseUrl.ToString());
        await Until(() => _api.Texts.Contains("ActorBot started\nmode: shadow\nvenues: binance-usdm\nsymbols: BTCUSDT"), "the startup message reaches the fake Bot API");
        await Until(() => _api.Texts.Any(t => t.StartsWith("SAFE_PAUSE entered", StringComparison.Ordinal) && t.Contains("stale market data for BTCUSDT")), "SAFE_PAUSE (no data yet) is reported");

        var bot = await _app!.Services.GetRequiredService<IRequiredActor<BotActor>>().GetAsync();
        await _app.Services.GetRequiredService<KillSwitch>().Engage(bot, "hud test");
        await Until(() => _api.Texts.Any(t => t.StartsWith("KILL SWITCH ENGAGED", StringComparison.Ordinal) && t.EndsWith("by hud test", StringComparison.Ordinal)), "the kill switch is reported");
        _api.Received.Should().OnlyContain(r => r.ChatId == Chat && r.Token == Token);
    }

    [Fact(DisplayName = "A dead Bot API does not block the service: /health and /ready answer at once while every HUD send fails")]
    public async Task Dead_api_does_not_block()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var deadPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        using var http = await Start($"http://127.0.0.1:{deadPort}");
        for (var i = 0; i < 3; i++)
        {
            (await http.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
            var ready = await http.GetAsync("/ready");
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await ready.Content.ReadAsStringAsync()).Should().Contain("stale market data for BTCUSDT");
        }

        _api.Received.Should().BeEmpty();
    }

    [Fact(DisplayName = "Without a token the HUD is off: no /user/hud, nothing sent, the service runs")]
    public async Task No_token_no_hud()
    {
        using var http = await Start(_api.BaseUrl.ToString(), token: null);
        (await http.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        _app!.Services.GetRequiredService<ActorRegistry>().TryGet<Engine.Hud.HudActor>(out _).Should().BeFalse();
        _api.Received.Should().BeEmpty();
    }

    [Fact(DisplayName = "A token without a chat id, or a malformed token, refuses to start with a message that does not contain the token")]
    public async Task Bad_hud_environment_is_refused()
    {
        var overrides = Path.Combine(_dir, "hud.conf");
        await File.WriteAllTextAsync(overrides, $"actorbot.state-dir = \"{_dir}\"\nactorbot.symbols = [BTCUSDT]");
        var configuration = ServiceConfiguration.Load(overrides, _ => null);
        var noChat = new Dictionary<string, string?> { [HudRuntime.TokenVariable] = Token };
        FluentActions.Invoking(() => ServiceHost.Build(configuration, TradeMode.Shadow, 0, noChat.GetValueOrDefault))
            .Should().Throw<Akka.Configuration.ConfigurationException>().Which.Message.Should().Contain(HudRuntime.ChatVariable).And.NotContain(Token);
        var malformed = new Dictionary<string, string?> { [HudRuntime.TokenVariable] = "not-a-token-SECRETISH", [HudRuntime.ChatVariable] = Chat };
        FluentActions.Invoking(() => ServiceHost.Build(configuration, TradeMode.Shadow, 0, malformed.GetValueOrDefault))
            .Should().Throw<Akka.Configuration.ConfigurationException>().Which.Message.Should().Contain(HudRuntime.TokenVariable).And.NotContain("SECRETISH");
    }
}
