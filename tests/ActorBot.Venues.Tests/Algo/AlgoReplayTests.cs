using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Tests.Simulator;

namespace ActorBot.Venues.Tests.Algo;

/// <summary>Algo orders evaluated on every replayed real trade (not on bars).</summary>
public sealed class AlgoReplayTests
{
    [Fact(DisplayName = "Algo brackets trigger on replayed real prices: the stop finishes first, then the take-profit expires with the position closed")]
    public async Task BracketsOnReplayedPrices()
    {
        await using var host = await Sim.StartAsync(new SimulatorOptions { DataFiles = [TestData.BtcDay1], Speed = null, AutoStartReplay = false });
        host.PublishTrade("BTCUSDT", 28_145.1m, 0.001m, 1);
        var (client, http) = Sim.Client(host);
        using var ownedHttp = http;

        (await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "MARKET", "entry", 0.01m))).Value!.Status.Should().Be("FILLED");
        (await client.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "STOP_MARKET", "sl", 28_141m, ClosePosition: true))).Value!.AlgoStatus.Should().Be("NEW");
        (await client.PlaceAlgoOrderAsync(new NewAlgoOrder("BTCUSDT", "SELL", "TAKE_PROFIT_MARKET", "tp", 28_150m, ClosePosition: true))).Value!.AlgoStatus.Should().Be("NEW");

        host.StartReplay();
        await host.ReplayCompletion;

        (await client.QueryAlgoOrderAsync("sl")).Value!.AlgoStatus.Should().Be("FINISHED");
        (await client.QueryAlgoOrderAsync("tp")).Value!.AlgoStatus.Should().Be("EXPIRED");
        (await client.QueryOrderAsync("BTCUSDT", "sl")).Value!.Status.Should().Be("FILLED", "the triggered MARKET order carries the clientAlgoId");
        host.Engine.PositionAmount("BTCUSDT").Should().Be(0m);
        host.Engine.WalletBalance.Should().BeLessThan(10_000m, "a stop-loss exit loses money and fees");
    }
}
