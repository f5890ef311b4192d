using System.Text;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Engine.Tests.Venues;

/// <summary>
/// The frame pipeline the stream client runs: decode, keep the sequence whole, and report by message.
/// The REST gateway points at a closed loopback port, so a backfill really fails (no mock).
/// </summary>
public sealed class AggTradePipelineTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly HttpClient _http = new();
    private readonly DecodeErrorCounter _errors = new();
    private readonly AggTradePipeline _pipeline;
    private readonly Akka.TestKit.TestProbe _owner;

    public AggTradePipelineTests()
    {
        _owner = CreateTestProbe("market");
        var rest = new BinanceRestClient(
            _http,
            new BinanceRestOptions { BaseAddress = new Uri("http://127.0.0.1:1"), MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(2) },
            credentials: null,
            _errors);
        _pipeline = new AggTradePipeline(rest, _errors, _owner.Ref, _ => ActorBot.Data.MarketData.ContractSpec.Linear, CancellationToken.None);
    }

    void IDisposable.Dispose() => _http.Dispose();

    private static ReadOnlyMemory<byte> Frame(long id, long eventTimeMs) => Encoding.UTF8.GetBytes(
        $$$"""{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":{{{eventTimeMs}}},"s":"BTCUSDT","a":{{{id}}},"p":"28145.10","q":"0.002","f":{{{id}}},"l":{{{id}}},"T":{{{eventTimeMs}}},"m":true}}""");

    [Fact(DisplayName = "Each frame's trade reaches the owner as a TradeBatch in exchange order, with the reader's tick conversion")]
    public async Task ForwardsEveryTradeAsBatches()
    {
        for (var i = 0; i < 10; i++)
        {
            await _pipeline.OnFrameAsync("btcusdt@aggTrade", Frame(100 + i, 1_000 + (i * 100)));
        }

        for (var i = 0; i < 10; i++)
        {
            var batch = _owner.ExpectMsg<TradeBatch>();
            batch.Symbol.Should().Be("BTCUSDT");
            batch.Trades.ToArray().Should().Equal(new ActorBot.Domain.Bars.TradeTick(1_000 + (i * 100), 28145.10, 0.002, true, 100 + i));
        }

        _owner.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        _pipeline.TradesForwarded.Should().Be(10);
    }

    [Fact(DisplayName = "Malformed and NaN frames are counted as decode errors and skipped; the next good frame still flows")]
    public async Task DecodeErrorsAreCountedNotThrown()
    {
        await _pipeline.OnFrameAsync("btcusdt@aggTrade", Encoding.UTF8.GetBytes("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\","));
        await _pipeline.OnFrameAsync("btcusdt@aggTrade", Encoding.UTF8.GetBytes("""{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1,"s":"BTCUSDT","a":1,"p":"NaN","q":"1","f":1,"l":1,"T":1,"m":true}}"""));
        _errors.Total.Should().Be(2);
        _owner.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        await _pipeline.OnFrameAsync("btcusdt@aggTrade", Frame(5, 2_000));
        _owner.ExpectMsg<TradeBatch>().LastEventTimeMs.Should().Be(2_000);
    }

    [Fact(DisplayName = "A trade id gap announces a backfill; when REST cannot fill it the end is still reported with the missing count")]
    public async Task GapWithFailedBackfill()
    {
        await _pipeline.OnFrameAsync("btcusdt@aggTrade", Frame(100, 1_000));
        _owner.ExpectMsg<TradeBatch>();

        await _pipeline.OnFrameAsync("btcusdt@aggTrade", Frame(110, 5_000));
        _owner.ExpectMsg<BackfillStarted>().Should().Be(new BackfillStarted("BTCUSDT", 9));
        // The live trade is delivered by the gap filler before the backfill is reported finished.
        _owner.ExpectMsg<TradeBatch>().LastEventTimeMs.Should().Be(5_000);
        _owner.ExpectMsg<BackfillFinished>().Should().Be(new BackfillFinished("BTCUSDT", 0, 9));
        _pipeline.TradesUnfilled.Should().Be(9);
    }
}
