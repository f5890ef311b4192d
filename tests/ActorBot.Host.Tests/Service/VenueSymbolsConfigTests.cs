using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Host.Service;
using Akka.Configuration;

namespace ActorBot.Host.Tests.Service;

/// <summary>
/// <c>actorbot.venues.{venue}.symbols</c>: which enabled venue trades each of <c>actorbot.symbols</c>. One enabled venue
/// with no list takes them all (today's configuration unchanged); otherwise each symbol is on exactly one enabled venue,
/// and a symbol on two venues, on none, or not configured at all stops the service before it starts (run: exit 2).
/// </summary>
public sealed class VenueSymbolsConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-venue-symbols-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "One enabled venue with no symbols list takes every configured symbol")]
    public void One_venue_takes_every_symbol()
    {
        var bot = Settings("actorbot.symbols = [BTCUSDT, ETHUSDT]");

        bot.Venues.Should().Equal("binance-usdm");
        bot.VenueFor("BTCUSDT").Should().Be("binance-usdm");
        bot.VenueFor("ETHUSDT").Should().Be("binance-usdm");
        bot.SymbolsOn("binance-usdm").Should().Equal("BTCUSDT", "ETHUSDT");
    }

    [Fact(DisplayName = "Two enabled venues split the symbols by their lists, the default venue first")]
    public void Two_venues_split_the_symbols()
    {
        var bot = Settings("""
            actorbot.symbols = [BTCUSDT, ETHUSDT, SOLUSDT]
            actorbot.venues.binance-usdm.symbols = [btcusdt]
            actorbot.venues.another { enabled = true, symbols = [ETHUSDT, SOLUSDT] }
            """);

        bot.Venues.Should().Equal("binance-usdm", "another");
        bot.SymbolsOn("binance-usdm").Should().Equal("BTCUSDT");
        bot.SymbolsOn("another").Should().Equal("ETHUSDT", "SOLUSDT");
    }

    [Fact(DisplayName = "A symbol listed on two enabled venues is a configuration error naming the symbol and both venues, and the service does not build")]
    public void A_symbol_on_two_venues_is_refused()
    {
        const string Hocon = """
            actorbot.symbols = [BTCUSDT, ETHUSDT]
            actorbot.venues.binance-usdm.symbols = [BTCUSDT, ETHUSDT]
            actorbot.venues.another { enabled = true, symbols = [ETHUSDT] }
            """;

        var refused = () => Settings(Hocon);
        refused.Should().Throw<ConfigurationException>().WithMessage("symbol ETHUSDT is on venues another and binance-usdm*");
        var build = () => ServiceHost.Build(Configuration(Hocon), TradeMode.Testnet, httpPortOverride: 0, environment: _ => null);
        build.Should().Throw<ConfigurationException>().WithMessage("*ETHUSDT*another*binance-usdm*");
    }

    [Fact(DisplayName = "A symbol on no enabled venue is a configuration error naming it and the venues")]
    public void A_symbol_on_no_venue_is_refused()
    {
        var unlisted = () => Settings("""
            actorbot.symbols = [BTCUSDT, ETHUSDT]
            actorbot.venues.binance-usdm.symbols = [BTCUSDT]
            """);
        unlisted.Should().Throw<ConfigurationException>().WithMessage("symbol ETHUSDT is on no enabled venue (binance-usdm)*");
        var unlistedOfTwo = () => Settings("""
            actorbot.symbols = [BTCUSDT, ETHUSDT, SOLUSDT]
            actorbot.venues.binance-usdm.symbols = [BTCUSDT]
            actorbot.venues.another { enabled = true, symbols = [ETHUSDT] }
            """);
        unlistedOfTwo.Should().Throw<ConfigurationException>().WithMessage("symbol SOLUSDT is on no enabled venue (another, binance-usdm)*");
    }

    [Fact(DisplayName = "A venue symbol that is not in actorbot.symbols is a configuration error naming it")]
    public void An_unknown_symbol_is_refused()
    {
        var refused = () => Settings("""
            actorbot.symbols = [BTCUSDT]
            actorbot.venues.binance-usdm.symbols = [BTCUSDT, DOGEUSDT]
            """);

        refused.Should().Throw<ConfigurationException>().WithMessage("actorbot.venues.binance-usdm.symbols lists DOGEUSDT, which is not in actorbot.symbols (BTCUSDT)");
        var onSecond = () => Settings("""
            actorbot.symbols = [BTCUSDT, ETHUSDT]
            actorbot.venues.binance-usdm.symbols = [BTCUSDT]
            actorbot.venues.another { enabled = true, symbols = [ETHUSDT, SOLUSDT] }
            """);
        onSecond.Should().Throw<ConfigurationException>().WithMessage("actorbot.venues.another.symbols lists SOLUSDT, which is not in actorbot.symbols*");
    }

    [Fact(DisplayName = "A disabled venue's symbols list is ignored")]
    public void A_disabled_venue_is_ignored()
    {
        var bot = Settings("""
            actorbot.symbols = [BTCUSDT, ETHUSDT]
            actorbot.venues.another { enabled = false, symbols = [ETHUSDT] }
            """);

        bot.Venues.Should().Equal("binance-usdm");
        bot.VenueFor("ETHUSDT").Should().Be("binance-usdm");
    }

    private ServiceConfiguration Configuration(string hocon) =>
        ServiceConfiguration.Load(null, _ => null).WithOverlay($"actorbot.state-dir = \"{_dir.Replace("\\", "\\\\", StringComparison.Ordinal)}\"\n{hocon}", "the test's venues");

    private BotSettings Settings(string hocon) => BotSettings.FromConfig(Configuration(hocon).Config, TradeMode.Testnet);
}
