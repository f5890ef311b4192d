using ActorBot.Domain.Execution;

namespace ActorBot.Domain.Tests.Execution;

public sealed class ClientOrderIdTests
{
    private const long Signal = 1_767_225_660_000;

    public static TheoryData<string, string> Inputs() => new()
    {
        { "snap", "BTCUSDT" },
        { "snap_harvester_v2", "1000SHIBUSDT" },
        { "x", "1000000BOBUSDT" },
        { "Strategy With Spaces!", "VERYLONGSYMBOLNAMEUSDT" },
    };

    [Theory(DisplayName = "Ids satisfy Binance's charset and the 36-character limit for every leg")]
    [MemberData(nameof(Inputs))]
    public void CharsetAndLength(string strategy, string symbol)
    {
        foreach (var leg in Enum.GetValues<OrderLeg>())
        {
            foreach (var attempt in new[] { 0, 1, 35 })
            {
                var id = ClientOrderId.Create(strategy, symbol, Signal, leg, attempt);
                id.Length.Should().BeLessThanOrEqualTo(36);
                ClientOrderId.IsValidForBinance(id).Should().BeTrue(id);
            }
        }
    }

    [Fact(DisplayName = "The same inputs give the same id; legs, attempts, times and strategies give different ids")]
    public void DeterministicAndDistinct()
    {
        ClientOrderId.Create("snap", "BTCUSDT", Signal, OrderLeg.Entry).Should().Be(ClientOrderId.Create("snap", "BTCUSDT", Signal, OrderLeg.Entry));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var leg in Enum.GetValues<OrderLeg>())
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                ids.Add(ClientOrderId.Create("snap", "BTCUSDT", Signal, leg, attempt)).Should().BeTrue();
            }
        }

        ClientOrderId.Create("snap", "BTCUSDT", Signal + 1, OrderLeg.Entry).Should().NotBe(ClientOrderId.Create("snap", "BTCUSDT", Signal, OrderLeg.Entry));
        ClientOrderId.Create("snapA", "BTCUSDT", Signal, OrderLeg.Entry)
            .Should().NotBe(ClientOrderId.Create("snapB", "BTCUSDT", Signal, OrderLeg.Entry), "the hash covers the full strategy name");
    }

    [Fact(DisplayName = "No collisions across a day of minute signals on many symbols")]
    public void CollisionResistant()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in new[] { "BTCUSDT", "ETHUSDT", "SOLUSDT", "1000PEPEUSDT" })
        {
            for (var minute = 0; minute < 1_440; minute++)
            {
                ids.Add(ClientOrderId.Create("snap", symbol, Signal + (minute * 60_000L), OrderLeg.Entry)).Should().BeTrue();
            }
        }
    }

    [Fact(DisplayName = "An id parses back to symbol, signal time, leg and attempt")]
    public void ParsesBack()
    {
        var id = ClientOrderId.Create("snap", "BTCUSDT", Signal, OrderLeg.TakeProfit, 2);
        ClientOrderId.TryParse(id, out var p).Should().BeTrue();
        p.Should().Be(new ParsedClientOrderId("snap", "BTCUSDT", true, Signal, OrderLeg.TakeProfit, 2));
        ClientOrderId.IsOwnedBy(id, "snap").Should().BeTrue();
        ClientOrderId.IsOwnedBy(id, "other").Should().BeFalse();
    }

    [Fact(DisplayName = "A symbol too long for the budget is cut and parses as a prefix")]
    public void TruncatedSymbol()
    {
        var id = ClientOrderId.Create("snap", "VERYLONGSYMBOLNAMEUSDT", Signal, OrderLeg.StopLoss);
        ClientOrderId.TryParse(id, out var p).Should().BeTrue();
        p.SymbolComplete.Should().BeFalse();
        "VERYLONGSYMBOLNAMEUSDT".Should().StartWith(p.Symbol);
        p.SignalTimeMs.Should().Be(Signal);
    }

    [Theory(DisplayName = "Ids from elsewhere do not parse")]
    [InlineData("web_abc123")]
    [InlineData("x-Cb7ytekJ1234567890")]
    [InlineData("snap-BTCUSDT-zz-q0-abcd")]
    [InlineData(null)]
    public void ForeignIds(string? id) => ClientOrderId.TryParse(id, out _).Should().BeFalse();
}
