using ActorBot.Engine.Venues;

namespace ActorBot.Engine.Tests.Venues;

public sealed class AggTradeThrottleTests
{
    [Fact(DisplayName = "At most one event per symbol passes per interval of event time; symbols are thinned independently")]
    public void ThinsPerSymbol()
    {
        var throttle = new AggTradeThrottle(TimeSpan.FromMilliseconds(250));
        var passed = new List<(string, long)>();
        foreach (var (symbol, t) in new[] { ("BTCUSDT", 1_000L), ("BTCUSDT", 1_100L), ("ETHUSDT", 1_100L), ("BTCUSDT", 1_249L), ("BTCUSDT", 1_250L), ("ETHUSDT", 1_200L), ("BTCUSDT", 1_499L), ("BTCUSDT", 1_500L) })
        {
            if (throttle.ShouldEmit(symbol, t))
            {
                passed.Add((symbol, t));
            }
        }

        passed.Should().Equal(("BTCUSDT", 1_000L), ("ETHUSDT", 1_100L), ("BTCUSDT", 1_250L), ("BTCUSDT", 1_500L));
    }

    [Fact(DisplayName = "Event time going backwards (venue restart, replay from the start) re-arms the symbol instead of silencing it")]
    public void BackwardsTimeReArms()
    {
        var throttle = new AggTradeThrottle(TimeSpan.FromMilliseconds(250));
        throttle.ShouldEmit("BTCUSDT", 10_000).Should().BeTrue();
        throttle.ShouldEmit("BTCUSDT", 500).Should().BeTrue();
        throttle.ShouldEmit("BTCUSDT", 600).Should().BeFalse();
    }
}
