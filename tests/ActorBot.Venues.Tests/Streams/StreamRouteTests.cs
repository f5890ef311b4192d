using ActorBot.Venues.Binance.Streams;

namespace ActorBot.Venues.Tests.Streams;

/// <summary>The pure routing rules: stream name → routed base, and the URLs of both access modes.</summary>
public sealed class StreamRouteTests
{
    [Theory(DisplayName = "Each stream name is classified onto the base the venue serves it on")]
    [InlineData("btcusdt@depth", StreamRouteKind.Public)]
    [InlineData("btcusdt@depth@100ms", StreamRouteKind.Public)]
    [InlineData("btcusdt@depth@0ms", StreamRouteKind.Public)]
    [InlineData("btcusdt@depth20@500ms", StreamRouteKind.Public)]
    [InlineData("btcusdt@bookTicker", StreamRouteKind.Public)]
    [InlineData("!bookTicker", StreamRouteKind.Public)]
    [InlineData("btcusdt@aggTrade", StreamRouteKind.Market)]
    [InlineData("btcusdt@markPrice", StreamRouteKind.Market)]
    [InlineData("btcusdt@markPrice@1s", StreamRouteKind.Market)]
    [InlineData("!markPrice@arr@1s", StreamRouteKind.Market)]
    [InlineData("btcusdt@kline_1m", StreamRouteKind.Market)]
    [InlineData("btcusdt@forceOrder", StreamRouteKind.Market)]
    [InlineData("!forceOrder@arr", StreamRouteKind.Market)]
    [InlineData("btcusdt@ticker", StreamRouteKind.Market)]
    [InlineData("!miniTicker@arr", StreamRouteKind.Market)]
    [InlineData("pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1", StreamRouteKind.Private)]
    public void Classify(string stream, StreamRouteKind expected) => StreamRoute.Classify(stream).Should().Be(expected);

    [Theory(DisplayName = "Stream-mode URLs put the route after the configured base, mainnet and testnet alike")]
    [InlineData("wss://fstream.binance.com", "wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade/btcusdt@markPrice")]
    [InlineData("wss://fstream.binance.com/", "wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade/btcusdt@markPrice")]
    [InlineData("wss://fstream.binancefuture.com", "wss://fstream.binancefuture.com/market/stream?streams=btcusdt@aggTrade/btcusdt@markPrice")]
    [InlineData("ws://127.0.0.1:5123", "ws://127.0.0.1:5123/market/stream?streams=btcusdt@aggTrade/btcusdt@markPrice")]
    public void StreamMode(string baseUri, string expected) =>
        StreamRoute.StreamUrl(new Uri(baseUri), StreamRouteKind.Market, ["btcusdt@aggTrade", "btcusdt@markPrice"]).ToString().Should().Be(expected);

    [Fact(DisplayName = "ws-mode URLs compose the streams in the path of their route")]
    public void WsMode()
    {
        StreamRoute.WsUrl(new Uri("wss://fstream.binance.com"), StreamRouteKind.Public, ["bnbusdt@depth", "ethusdt@depth"]).ToString()
            .Should().Be("wss://fstream.binance.com/public/ws/bnbusdt@depth/ethusdt@depth");
        StreamRoute.WsUrl(new Uri("wss://fstream.binancefuture.com"), StreamRouteKind.Market, ["btcusdt@aggTrade"]).ToString()
            .Should().Be("wss://fstream.binancefuture.com/market/ws/btcusdt@aggTrade");
    }

    [Fact(DisplayName = "The user-data URL is /private/ws with the listenKey and the events allow list in the query")]
    public void PrivateUrl()
    {
        StreamRoute.PrivateUrl(new Uri("wss://fstream.binance.com"), "abc123", ["ORDER_TRADE_UPDATE", "ALGO_UPDATE"]).ToString()
            .Should().Be("wss://fstream.binance.com/private/ws?listenKey=abc123&events=ORDER_TRADE_UPDATE/ALGO_UPDATE");
        StreamRoute.PrivateUrl(new Uri("wss://fstream.binancefuture.com"), "k", []).ToString()
            .Should().Be("wss://fstream.binancefuture.com/private/ws?listenKey=k");
    }

    [Fact(DisplayName = "A non-WebSocket base is refused instead of producing a URL the venue would not serve")]
    public void RefusesHttpBase() =>
        FluentActions.Invoking(() => StreamRoute.StreamUrl(new Uri("https://fapi.binance.com"), StreamRouteKind.Market, ["btcusdt@aggTrade"]))
            .Should().Throw<ArgumentException>();

    [Fact(DisplayName = "Grouping keeps each route's streams in order")]
    public void Group()
    {
        var groups = StreamRoute.Group(["btcusdt@aggTrade", "btcusdt@depth@0ms", "ethusdt@aggTrade", "btcusdt@bookTicker"]);
        groups[StreamRouteKind.Market].Should().Equal("btcusdt@aggTrade", "ethusdt@aggTrade");
        groups[StreamRouteKind.Public].Should().Equal("btcusdt@depth@0ms", "btcusdt@bookTicker");
    }
}
