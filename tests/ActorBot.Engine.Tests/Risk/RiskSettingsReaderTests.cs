using ActorBot.Engine.Risk;
using Akka.Configuration;

namespace ActorBot.Engine.Tests.Risk;

public sealed class RiskSettingsReaderTests
{
    [Fact(DisplayName = "With no actorbot.risk section the conservative defaults apply")]
    public void Defaults()
    {
        var s = RiskSettingsReader.FromConfig(Config.Empty);
        s.Rules.DailyLossCapUsd.Should().Be(50m);
        s.Rules.LossStreakMax.Should().Be(3);
        s.Rules.SessionCooldownMinutes.Should().Be(60);
        s.Rules.SlBufferMultiplier.Should().Be(2m);
        s.Rules.MaxOpenTradesPerSymbol.Should().Be(1);
        s.Rules.MaxOpenTradesGlobal.Should().Be(2);
        s.Rules.MaxNotionalPerSymbolUsd.Should().Be(1_000m);
        s.QuoteRiskPerTrade.Should().Be(5m);
        s.Leverage.Should().Be(2m);
        s.MaintenanceMarginRate.Should().Be(0.004m);
        s.FreeBalanceUsd.Should().Be(1_000m);
        s.SnapshotEvery.Should().Be(100);
        s.FiltersFor("ETHUSDT").Should().Be(RiskSettingsReader.DefaultFilters with { Symbol = "ETHUSDT" });
    }

    [Fact(DisplayName = "hocon/actorbot.conf documents the same risk defaults the reader uses")]
    public void ShippedFileMatchesDefaults()
    {
        var path = Path.Combine(Replay.ReplayFixture.RepoRoot(), "hocon", "actorbot.conf");
        var shipped = RiskSettingsReader.FromConfig(ConfigurationFactory.ParseString(File.ReadAllText(path)));
        var defaults = RiskSettingsReader.FromConfig(Config.Empty);
        shipped.Should().BeEquivalentTo(defaults);
        shipped.Filters.Should().BeEmpty();
    }

    [Fact(DisplayName = "Every key is read, decimals exactly, and a symbol's filter block overrides the default block key by key")]
    public void ReadsEveryKey()
    {
        var s = RiskSettingsReader.FromConfig(ConfigurationFactory.ParseString("""
            actorbot.risk {
              daily-loss-cap-usd = 25.5
              loss-streak-max = 4
              session-cooldown-minutes = 15
              sl-buffer-multiplier = 1.5
              max-open-trades-per-symbol = 2
              max-open-trades = 5
              max-notional-per-symbol-usd = 2500
              quote-risk-per-trade = 0.1
              leverage = 5
              maintenance-margin-rate = 0.005
              free-balance-usd = 300
              snapshot-every = 10
              filters {
                default { tick-size = 0.01, step-size = 0.01, min-qty = 0.01, max-qty = 500, min-notional = 5 }
                ETHUSDT { step-size = 0.001, min-notional = 20 }
              }
            }
            """));
        s.Rules.Should().Be(new Domain.Risk.RiskSettings(25.5m, 4, 15, 1.5m, 2, 5, 2_500m));
        (s.QuoteRiskPerTrade, s.Leverage, s.MaintenanceMarginRate, s.FreeBalanceUsd, s.SnapshotEvery).Should().Be((0.1m, 5m, 0.005m, 300m, 10));
        s.FiltersFor("BTCUSDT").Should().Be(RiskSettingsReader.DefaultFilters with
        {
            Symbol = "BTCUSDT",
            TickSize = 0.01m,
            StepSize = 0.01m,
            MinQty = 0.01m,
            MaxQty = 500m,
            MinNotional = 5m,
        });
        s.FiltersFor("ETHUSDT").Should().Be(s.FiltersFor("BTCUSDT") with { Symbol = "ETHUSDT", StepSize = 0.001m, MinNotional = 20m });
    }

    [Theory(DisplayName = "A bad value is a ConfigurationException that names the key")]
    [InlineData("daily-loss-cap-usd = 0", "actorbot.risk.daily-loss-cap-usd")]
    [InlineData("daily-loss-cap-usd = lots", "actorbot.risk.daily-loss-cap-usd")]
    [InlineData("loss-streak-max = 0", "actorbot.risk.loss-streak-max")]
    [InlineData("session-cooldown-minutes = -1", "actorbot.risk.session-cooldown-minutes")]
    [InlineData("sl-buffer-multiplier = -0.5", "actorbot.risk.sl-buffer-multiplier")]
    [InlineData("max-open-trades = 2.5", "actorbot.risk.max-open-trades")]
    [InlineData("max-notional-per-symbol-usd = -1", "actorbot.risk.max-notional-per-symbol-usd")]
    [InlineData("leverage = 0.5", "actorbot.risk.leverage")]
    [InlineData("maintenance-margin-rate = 1", "actorbot.risk.maintenance-margin-rate")]
    [InlineData("snapshot-every = 0", "actorbot.risk.snapshot-every")]
    [InlineData("filters.default.step-size = -0.001", "actorbot.risk.filters.default.step-size")]
    [InlineData("filters.ETHUSDT.min-qty = x", "actorbot.risk.filters.ETHUSDT.min-qty")]
    public void BadValueNamesKey(string line, string key)
    {
        var read = () => RiskSettingsReader.FromConfig(ConfigurationFactory.ParseString("actorbot.risk." + line));
        read.Should().Throw<ConfigurationException>().WithMessage($"*{key}*");
    }
}
