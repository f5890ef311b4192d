using ActorBot.Hocon;
using ActorBot.Host.Service;

namespace ActorBot.Host.Tests.Service;

/// <summary>An operator key under <c>actorbot</c> that the embedded defaults do not document is refused with its name and place.</summary>
public sealed class UnknownConfigKeysTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-keys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ServiceConfiguration Load(string hocon)
    {
        var path = Path.Combine(_dir, "override.conf");
        File.WriteAllText(path, hocon);
        return ServiceConfiguration.Load(path, _ => null);
    }

    [Theory(DisplayName = "A misspelt or undocumented actorbot key is refused, naming the full key, the file and the line")]
    [InlineData("actorbot.risk.daily-los-cap-usd = 10", "actorbot.risk.daily-los-cap-usd", 1)]
    [InlineData("actorbot {\n  trade-mode = shadow\n  tradde-mode = live\n}", "actorbot.tradde-mode", 3)]
    [InlineData("actorbot.venues.binance-usdm.execution.restart-polcy = adopt", "actorbot.venues.binance-usdm.execution.restart-polcy", 1)]
    [InlineData("actorbot.venues.bybit.rest-base-ur = \"http://x\"", "actorbot.venues.bybit.rest-base-ur", 1)]
    [InlineData("actorbot.risk.filters.ETHUSDT.tick-siz = 0.01", "actorbot.risk.filters.ETHUSDT.tick-siz", 1)]
    [InlineData("actorbot.persistence.provider = sqlite", "actorbot.persistence.provider", 1)]
    public void Refused(string hocon, string key, int line)
    {
        var act = () => Load(hocon);

        var error = act.Should().Throw<HoconException>().Which;
        error.Problem.Should().Contain($"\"{key}\"");
        error.Position.File.Should().EndWith("override.conf");
        error.Line.Should().Be(line);
    }

    [Fact(DisplayName = "Documented keys, new venues on the template, per-symbol filters and contracts, and akka keys load")]
    public void Accepted()
    {
        var configuration = Load("""
            actorbot {
              trade-mode = paper
              risk.daily-loss-cap-usd = 10
              risk.filters.ETHUSDT { tick-size = 0.01, step-size = 0.001 }
              venues.binance-usdm.contracts { BTCUSD_PERP = inverse-100usd }
              venues.binance-usdm-2 { rest-base-url = "http://127.0.0.1:1", execution.restart-policy = adopt }
            }
            akka.loglevel = DEBUG
            akka.some-future-setting = 1
            """);

        configuration.Config.GetString("actorbot.trade-mode").Should().Be("paper");
        configuration.Config.GetString("actorbot.venues.binance-usdm-2.execution.restart-policy").Should().Be("adopt");
    }

    [Fact(DisplayName = "The embedded defaults alone pass the check (nothing to compare, nothing refused)")]
    public void DefaultsAlone()
    {
        var defaults = HoconLoader.Parse(ServiceConfiguration.ReadEmbeddedDefaults(), "actorbot.conf (embedded)", new HoconLoadOptions { EnvironmentLookup = _ => null });

        UnknownConfigKeys.Find(defaults, defaults).Should().BeEmpty();
    }
}
