using System.Globalization;
using System.Text;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Binance.Streams;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Tests.Simulator;

namespace ActorBot.Venues.Tests.Streams;

public sealed class KlineGapFillerTests
{
    [Fact(DisplayName = "Closed klines missing between two stream bars are backfilled over REST, in order, and counted")]
    public async Task BackfillsMissingBars()
    {
        await using var host = await Sim.StartAsync(new SimulatorOptions { DataFiles = [TestData.BtcDay1, TestData.BtcDay2], Speed = null });
        await host.ReplayCompletion;
        var (rest, http) = Sim.Client(host);
        using var ownedHttp = http;
        var bars = (await rest.GetKlinesAsync("BTCUSDT", "1m", limit: 100)).Value!.Klines;
        bars.Should().HaveCountGreaterThan(6, "the replay spans 23:58 → 00:06");

        var delivered = new List<Kline>();
        var filler = new KlineGapFiller(rest, new DecodeErrorCounter(), ev =>
        {
            delivered.Add(ev.Kline);
            return ValueTask.CompletedTask;
        });

        await filler.OnFrameAsync(Frame(bars[0]));
        await filler.OnFrameAsync(Frame(bars[0]));
        await filler.OnFrameAsync(Frame(bars[5]));

        delivered.Select(k => k.OpenTimeMs).Should().Equal(bars.Take(6).Select(k => k.OpenTimeMs));
        delivered[3].Close.Should().Be(bars[3].Close);
        delivered[3].TradeCount.Should().Be(bars[3].TradeCount);
        filler.GapsDetected.Should().Be(1);
        filler.KlinesBackfilled.Should().Be(4);
        KlineGapFiller.IntervalMs("15m").Should().Be(900_000);
        KlineGapFiller.IntervalMs("1M").Should().Be(0);
    }

    /// <summary>A combined-stream kline frame for a bar the simulator built from the real trades.</summary>
    private static byte[] Frame(Kline k) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"{{\"stream\":\"btcusdt@kline_1m\",\"data\":{{\"e\":\"kline\",\"E\":{k.CloseTimeMs + 1},\"s\":\"BTCUSDT\",\"k\":{{\"t\":{k.OpenTimeMs},\"T\":{k.CloseTimeMs},\"s\":\"BTCUSDT\",\"i\":\"1m\",\"f\":0,\"L\":0,\"o\":\"{k.Open}\",\"c\":\"{k.Close}\",\"h\":\"{k.High}\",\"l\":\"{k.Low}\",\"v\":\"{k.Volume}\",\"n\":{k.TradeCount},\"x\":true,\"q\":\"{k.QuoteVolume}\",\"V\":\"{k.TakerBuyVolume}\",\"Q\":\"{k.TakerBuyQuoteVolume}\",\"B\":\"0\"}}}}}}"));
}
