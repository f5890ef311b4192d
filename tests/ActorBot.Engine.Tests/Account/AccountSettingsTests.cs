using ActorBot.Engine.Venues.Account;
using Akka.Configuration;

namespace ActorBot.Engine.Tests.Account;

public sealed class AccountSettingsTests
{
    [Fact(DisplayName = "Defaults: leverage 2, ISOLATED, reconcile every 60 s, pause after 3 checks, drift file under the state dir")]
    public void Defaults()
    {
        var s = AccountSettings.FromConfig(ConfigurationFactory.ParseString("actorbot.state-dir = \"/tmp/st\""), "binance-usdm", ["BTCUSDT"]);
        s.Leverage.Should().Be(2);
        s.MarginType.Should().Be(MarginType.Isolated);
        s.MarginTypeText.Should().Be("ISOLATED");
        s.ReconcileEvery.Should().Be(TimeSpan.FromSeconds(60));
        s.DriftPersistChecks.Should().Be(3);
        s.DriftFile.Should().Be(Path.GetFullPath("/tmp/st/reconcile_drift.jsonl"));
    }

    [Fact(DisplayName = "leverage and margin-type under the venue, the rest under its account block")]
    public void Reads()
    {
        var config = ConfigurationFactory.ParseString("""
            actorbot.venues.binance-usdm { leverage = 10, margin-type = CROSSED, account { reconcile-interval = 5s, drift-persist-checks = 1 } }
            """);
        var s = AccountSettings.FromConfig(config, "binance-usdm", ["BTCUSDT"]);
        s.Leverage.Should().Be(10);
        s.MarginTypeText.Should().Be("CROSSED");
        s.ReconcileEvery.Should().Be(TimeSpan.FromSeconds(5));
        s.DriftPersistChecks.Should().Be(1);
    }

    [Theory(DisplayName = "A bad value names its key")]
    [InlineData("leverage = 0", "actorbot.venues.binance-usdm.leverage")]
    [InlineData("leverage = 126", "actorbot.venues.binance-usdm.leverage")]
    [InlineData("margin-type = cross", "actorbot.venues.binance-usdm.margin-type")]
    [InlineData("account.reconcile-interval = 0s", "actorbot.venues.binance-usdm.account.reconcile-interval")]
    [InlineData("account.drift-persist-checks = 0", "actorbot.venues.binance-usdm.account.drift-persist-checks")]
    [InlineData("account.drift-file = \"\"", "actorbot.venues.binance-usdm.account.drift-file")]
    public void BadValueNamesKey(string line, string key)
    {
        var config = ConfigurationFactory.ParseString($"actorbot.venues.binance-usdm {{ {line} }}");
        var act = () => AccountSettings.FromConfig(config, "binance-usdm", ["BTCUSDT"]);
        act.Should().Throw<ConfigurationException>().WithMessage($"{key}*");
    }
}
