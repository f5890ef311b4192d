using System.Net;
using System.Text.Json;
using ActorBot.Domain.Modes;
using ActorBot.Host.Service;
using Akka.Actor;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorBot.Host.Tests.Service;

/// <summary><c>/actors</c> over a real loopback socket on the running service (shadow, two symbols).</summary>
public sealed class ActorsEndpointTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-actors-").FullName;
    private WebApplication? _app;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSDT, ETHUSDT]
            """);
        var configuration = ServiceConfiguration.Load(overrides, _ => null);
        _app = ServiceHost.Build(configuration, TradeMode.Shadow, httpPortOverride: 0, environment: _ => null);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "/actors lists the live tree: the bot, each symbol's trader and the strategy recorder, with types, summaries and restarts")]
    public async Task Tree()
    {
        var actors = await Actors();

        var bot = actors["/user/bot"];
        bot.GetProperty("type").GetString().Should().Be("BotActor");
        bot.GetProperty("answered").GetBoolean().Should().BeTrue();
        bot.GetProperty("summary").GetProperty("mode").GetString().Should().Be("Shadow");
        bot.GetProperty("restarts").GetInt32().Should().Be(0);
        bot.GetProperty("children").EnumerateArray().Select(c => c.GetString()).Should().Contain(["BTCUSDT", "ETHUSDT"]);

        var trader = actors["/user/bot/ETHUSDT/trader"];
        trader.GetProperty("type").GetString().Should().Be("TraderActor");
        trader.GetProperty("summary").GetProperty("symbol").GetString().Should().Be("ETHUSDT");
        trader.GetProperty("summary").GetProperty("openTrades").GetInt32().Should().Be(0);

        actors["/user/bot/BTCUSDT"].GetProperty("summary").GetProperty("stale").GetBoolean().Should().BeTrue("no market data in shadow without a feed");
        actors.Should().ContainKeys("/user/bot/BTCUSDT/bars", "/user/bot/BTCUSDT/shockflip", "/user/bot/BTCUSDT/trader");

        var strategy = actors["/user/strategy"];
        strategy.GetProperty("type").GetString().Should().Be("StrategyRecorder");
        strategy.GetProperty("summary").GetProperty("bars").GetInt64().Should().Be(0);
        // Every ActorBot actor answered; Akka's own top-level actors (StreamSupervisor) are listed, not asked.
        actors.Values.Where(a => a.GetProperty("error").GetString() != ActorTreeProbe.NotOurs)
            .Should().OnlyContain(a => a.GetProperty("answered").GetBoolean());
        actors.Count.Should().BeGreaterThan(10);
    }

    [Fact(DisplayName = "/actors/user/bot answers for one actor; an unknown path is 404")]
    public async Task OneActor()
    {
        using var one = await _http!.GetAsync("/actors/user/bot");
        one.StatusCode.Should().Be(HttpStatusCode.OK);
        var node = JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement;
        node.GetProperty("path").GetString().Should().Be("/user/bot");
        node.GetProperty("type").GetString().Should().Be("BotActor");
        node.GetProperty("summary").GetProperty("paused").GetBoolean().Should().BeTrue();

        using var unknown = await _http.GetAsync("/actors/user/bot/DOGEUSDT");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var wildcard = await _http.GetAsync("/actors/user/*");
        wildcard.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact(DisplayName = "A symbol subtree that crashes is restarted by /user/bot, and /actors shows its restart count and last failure")]
    public async Task RestartCountShows()
    {
        var system = _app!.Services.GetRequiredService<ActorSystem>();
        // The symbol must be up and answering first: a Kill sent before /user/bot created it goes to dead letters
        // (seen once on a cold, loaded start, and the count then stayed 0).
        var up = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < up
            && !((await Actors()).TryGetValue("/user/bot/BTCUSDT", out var first) && first.GetProperty("answered").GetBoolean()))
        {
            await Task.Delay(50);
        }

        // Kill makes the actor fail with ActorKilledException: a real failure its supervisor decides on (restart).
        system.ActorSelection("/user/bot/BTCUSDT").Tell(Kill.Instance);

        JsonElement symbol = default;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            symbol = (await Actors())["/user/bot/BTCUSDT"];
            if (symbol.GetProperty("restarts").GetInt32() > 0)
            {
                break;
            }

            await Task.Delay(50);
        }

        symbol.GetProperty("restarts").GetInt32().Should().Be(1);
        symbol.GetProperty("lastFailure").GetString().Should().Contain("ActorKilledException");
        symbol.GetProperty("answered").GetBoolean().Should().BeTrue("the restarted instance answers the probe");
        var actors = await Actors();
        actors["/user/bot/ETHUSDT"].GetProperty("restarts").GetInt32().Should().Be(0, "one-for-one: the other symbol is untouched");
        actors.Should().ContainKey("/user/bot/BTCUSDT/trader", "the restarted symbol recreated its children");
    }

    private async Task<Dictionary<string, JsonElement>> Actors()
    {
        using var response = await _http!.GetAsync("/actors");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return root.GetProperty("actors").EnumerateArray().ToDictionary(a => a.GetProperty("path").GetString()!, a => a.Clone());
    }
}
