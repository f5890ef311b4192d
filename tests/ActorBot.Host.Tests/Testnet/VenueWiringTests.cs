using ActorBot.Domain.Modes;
using ActorBot.Engine.Venues;
using ActorBot.Host.Service;
using Akka.Configuration;
using Akka.Hosting;

namespace ActorBot.Host.Tests.Testnet;

/// <summary>When the host builds the venue subtree, and how it refuses bad venue config before starting.</summary>
public sealed class VenueWiringTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-wiring-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ServiceConfiguration Config(string hocon)
    {
        var path = Path.Combine(_dir, "override.conf");
        // State (the SQLite journal) goes to this test's folder, never the working directory.
        File.WriteAllText(path, $"actorbot.state-dir = \"{_dir}\"\n{hocon}");
        return ServiceConfiguration.Load(path, _ => null);
    }

    [Theory(DisplayName = "The venue subtree runs in testnet and paper (market-data = auto) but not in shadow unless market-data = on")]
    [InlineData(TradeMode.Testnet, "", true)]
    [InlineData(TradeMode.Shadow, "", false)]
    [InlineData(TradeMode.Paper, "", true)]
    [InlineData(TradeMode.Paper, "actorbot.venues.binance-usdm.market-data = off", false)]
    [InlineData(TradeMode.Shadow, "actorbot.venues.binance-usdm.market-data = on", true)]
    [InlineData(TradeMode.Testnet, "actorbot.venues.binance-usdm.enabled = false", false)]
    public async Task SubtreeBuiltByMode(TradeMode mode, string extra, bool expected)
    {
        // A closed loopback port: whatever runs must not reach out anywhere.
        var configuration = Config($"""
            actorbot.venues.binance-usdm.rest-base-url = "http://127.0.0.1:1"
            actorbot.venues.binance-usdm.ws-base-url = "ws://127.0.0.1:1"
            actorbot.venues.binance-usdm.testnet.rest-base-url = "http://127.0.0.1:1"
            actorbot.venues.binance-usdm.testnet.ws-base-url = "ws://127.0.0.1:1"
            {extra}
            """);
        await using var app = ServiceHost.Build(configuration, mode, httpPortOverride: 0);
        await app.StartAsync();
        try
        {
            app.Services.GetRequiredService<ActorRegistry>().TryGet<VenuesActor>(out _).Should().Be(expected);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact(DisplayName = "A venue URL with the wrong scheme fails the build with an error naming the key")]
    public void BadUrlRefused()
    {
        var configuration = Config("actorbot.venues.binance-usdm.testnet.ws-base-url = \"https://not-a-websocket\"");
        var act = () => ServiceHost.Build(configuration, TradeMode.Testnet, httpPortOverride: 0);
        act.Should().Throw<ConfigurationException>().WithMessage("*actorbot.venues.binance-usdm.testnet.ws-base-url*");
    }
}
