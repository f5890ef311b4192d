using ActorBot.Domain.Execution;
using ActorBot.Engine.Venues.Execution;
using Akka.Configuration;

namespace ActorBot.Engine.Tests.Execution;

public sealed class ExecutionSettingsTests
{
    [Fact(DisplayName = "Without an execution block: restart policy flatten, brackets on MARK_PRICE, strategy snap")]
    public void Defaults()
    {
        var s = ExecutionSettings.FromConfig(ConfigurationFactory.Empty, "binance-usdm", ["BTCUSDT"]);
        s.RestartPolicy.Should().Be(RestartPolicy.Flatten);
        s.WorkingType.Should().Be(WorkingType.MarkPrice);
        s.Strategy.Should().Be("snap");
        s.LookupInterval.Should().Be(TimeSpan.FromSeconds(1));
        s.SnapshotEvery.Should().Be(200);
    }

    [Fact(DisplayName = "adopt and CONTRACT_PRICE are read from actorbot.venues.{venue}.execution")]
    public void Reads()
    {
        var config = ConfigurationFactory.ParseString("actorbot.venues.binance-usdm.execution { restart-policy = adopt, working-type = CONTRACT_PRICE, lookup-retry = 250ms, snapshot-every = 7 }");
        var s = ExecutionSettings.FromConfig(config, "binance-usdm", ["BTCUSDT"]);
        s.RestartPolicy.Should().Be(RestartPolicy.Adopt);
        s.WorkingType.Should().Be(WorkingType.ContractPrice);
        s.LookupInterval.Should().Be(TimeSpan.FromMilliseconds(250));
        s.SnapshotEvery.Should().Be(7);
    }

    [Theory(DisplayName = "A bad value names its key")]
    [InlineData("restart-policy = keep", "actorbot.venues.binance-usdm.execution.restart-policy")]
    [InlineData("working-type = INDEX", "actorbot.venues.binance-usdm.execution.working-type")]
    [InlineData("lookup-retry = soon", "actorbot.venues.binance-usdm.execution.lookup-retry")]
    [InlineData("strategy = \"a b\"", "actorbot.venues.binance-usdm.execution.strategy")]
    [InlineData("snapshot-every = 0", "actorbot.venues.binance-usdm.execution.snapshot-every")]
    [InlineData("snapshot-every = often", "actorbot.venues.binance-usdm.execution.snapshot-every")]
    public void BadValueNamesKey(string line, string key)
    {
        var config = ConfigurationFactory.ParseString($"actorbot.venues.binance-usdm.execution {{ {line} }}");
        var act = () => ExecutionSettings.FromConfig(config, "binance-usdm", ["BTCUSDT"]);
        act.Should().Throw<ConfigurationException>().WithMessage($"{key}*");
    }
}
