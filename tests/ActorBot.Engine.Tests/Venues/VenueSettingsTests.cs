using ActorBot.Domain.Modes;
using ActorBot.Engine.Venues;
using Akka.Configuration;

namespace ActorBot.Engine.Tests.Venues;

public sealed class VenueSettingsTests
{
    private const string Base = """
        actorbot.venues.binance-usdm {
          enabled = true
          rest-base-url = "http://127.0.0.1:9000"
          ws-base-url = "ws://127.0.0.1:9000"
          testnet { rest-base-url = "http://127.0.0.1:9001", ws-base-url = "ws://127.0.0.1:9001" }
          disabled-grace = 2s
        }
        """;

    private static VenueSettings? Read(string hocon, TradeMode mode) =>
        VenueSettings.FromConfig(ConfigurationFactory.ParseString(hocon), "binance-usdm", mode, ["BTCUSDT"]);

    [Fact(DisplayName = "market-data = auto streams in testnet only; on streams in shadow too; off and enabled = false never")]
    public void ModeSelection()
    {
        Read(Base, TradeMode.Testnet).Should().NotBeNull();
        Read(Base, TradeMode.Shadow).Should().BeNull();
        Read(Base + "\nactorbot.venues.binance-usdm.market-data = on", TradeMode.Shadow).Should().NotBeNull();
        Read(Base + "\nactorbot.venues.binance-usdm.market-data = off", TradeMode.Testnet).Should().BeNull();
        Read(Base + "\nactorbot.venues.binance-usdm.enabled = false", TradeMode.Testnet).Should().BeNull();
    }

    [Fact(DisplayName = "URLs and durations are read from the venue's section, with documented defaults for the rest")]
    public void Values()
    {
        var s = Read(Base, TradeMode.Testnet)!;
        s.RestBaseUri.Should().Be(new Uri("http://127.0.0.1:9001"), "testnet reads the testnet block");
        s.WsBaseUri.Should().Be(new Uri("ws://127.0.0.1:9001"));
        var shadow = Read(Base + "\nactorbot.venues.binance-usdm.market-data = on", TradeMode.Shadow)!;
        shadow.RestBaseUri.Should().Be(new Uri("http://127.0.0.1:9000"), "other modes read the main URLs");
        s.DisabledGrace.Should().Be(TimeSpan.FromSeconds(2));
        s.ContractOf("BTCUSDT").Should().Be(ActorBot.Data.MarketData.ContractSpec.Linear);
        s.StreamStallTimeout.Should().Be(TimeSpan.FromSeconds(30));
        s.Symbols.Should().Equal("BTCUSDT");
    }

    [Fact(DisplayName = "recv-window, weight-share and clock-sync-interval reach the venue's REST gateway options")]
    public void RestOptions()
    {
        var options = Read(Base + """

            actorbot.venues.binance-usdm { recv-window = 3000ms, weight-share = 0.25, clock-sync-interval = 2 minutes, connect-timeout = 4s }
            """, TradeMode.Testnet)!.RestOptions();

        options.RecvWindowMs.Should().Be(3000);
        options.WeightShare.Should().Be(0.25);
        options.ClockRefreshInterval.Should().Be(TimeSpan.FromMinutes(2));
        options.RequestTimeout.Should().Be(TimeSpan.FromSeconds(4));
        options.BaseAddress.Should().Be(new Uri("http://127.0.0.1:9001"));
    }

    [Theory(DisplayName = "A bad value is a ConfigurationException naming the key")]
    [InlineData("testnet.ws-base-url = \"http://wrong-scheme\"", "testnet.ws-base-url")]
    [InlineData("testnet.rest-base-url = \"not a url\"", "testnet.rest-base-url")]
    [InlineData("market-data = sometimes", "market-data")]
    [InlineData("disabled-grace = 0s", "disabled-grace")]
    [InlineData("recv-window = 61s", "recv-window")]
    [InlineData("weight-share = 0", "weight-share")]
    [InlineData("weight-share = 1.5", "weight-share")]
    [InlineData("clock-sync-interval = 0s", "clock-sync-interval")]
    public void BadValues(string line, string key)
    {
        var act = () => Read(Base + "\nactorbot.venues.binance-usdm." + line, TradeMode.Testnet);
        act.Should().Throw<ConfigurationException>().WithMessage($"*actorbot.venues.binance-usdm.{key}*");
    }
}
