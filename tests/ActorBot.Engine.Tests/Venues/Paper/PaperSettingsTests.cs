using ActorBot.Domain.Paper;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Venues.Paper;
using Akka.Configuration;

namespace ActorBot.Engine.Tests.Venues.Paper;

public sealed class PaperSettingsTests
{
    [Fact(DisplayName = "Without a paper block: marketable, no slippage, taker 5 / maker 2 bps, 1,000 USD")]
    public void Defaults()
    {
        var s = PaperSettings.FromConfig(ConfigurationFactory.Empty, "binance-usdm", RiskSettingsReader.FromConfig(Config.Empty).FiltersFor);
        s.Fills.Should().Be(new PaperFillSettings(PaperFillMode.Marketable, 0m, 5m, 2m));
        s.BalanceUsd.Should().Be(1_000m);
        s.SnapshotEvery.Should().Be(200);
        s.FiltersFor("ETHUSDT").TickSize.Should().Be(0.1m, "the risk filters give the bracket tick grid");
    }

    [Fact(DisplayName = "Every key is read from actorbot.paper")]
    public void Reads()
    {
        var config = ConfigurationFactory.ParseString("actorbot.paper { fill-mode = mid, slippage-bps = 1.5, taker-fee-bps = 4, maker-fee-bps = 0, balance-usd = 250, snapshot-every = 9 }");
        var s = PaperSettings.FromConfig(config, "binance-usdm", RiskSettingsReader.FromConfig(Config.Empty).FiltersFor);
        s.Fills.Should().Be(new PaperFillSettings(PaperFillMode.Mid, 1.5m, 4m, 0m));
        s.BalanceUsd.Should().Be(250m);
        s.SnapshotEvery.Should().Be(9);
    }

    [Theory(DisplayName = "A bad value names its key (an unknown fill mode also lists the allowed ones)")]
    [InlineData("fill-mode = sometimes", "actorbot.paper.fill-mode must be one of none, marketable, mid, always (got \"sometimes\")")]
    [InlineData("slippage-bps = -1", "actorbot.paper.slippage-bps*")]
    [InlineData("taker-fee-bps = lots", "*actorbot.paper.taker-fee-bps*")]
    [InlineData("maker-fee-bps = -0.5", "actorbot.paper.maker-fee-bps*")]
    [InlineData("balance-usd = 0", "actorbot.paper.balance-usd*")]
    [InlineData("snapshot-every = -3", "actorbot.paper.snapshot-every*")]
    public void BadValueNamesKey(string line, string message)
    {
        var config = ConfigurationFactory.ParseString($"actorbot.paper {{ {line} }}");
        var act = () => PaperSettings.FromConfig(config, "binance-usdm", RiskSettingsReader.FromConfig(Config.Empty).FiltersFor);
        act.Should().Throw<ConfigurationException>().WithMessage(message);
    }
}
