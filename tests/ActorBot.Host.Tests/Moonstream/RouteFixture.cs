using System.Net;
using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Api;
using ActorBot.Domain.OrderBook;
using ActorBot.Engine.Liquidations;
using Akka.Actor;

namespace ActorBot.Host.Tests.Moonstream;

/// <summary>
/// The route tests' world: BTC with every actor (a fresh V2 snapshot, 40 minute records, events, OI, the recorded zones,
/// three frames of the real recorded book); ETH with liquidations only (no /book, no /zones); SOL with a /book that holds
/// no frame yet and no liquidation snapshot. The API runs on a loopback port on a manual clock.
/// </summary>
public abstract class RouteFixture : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    internal static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

    private ApiServer? _api;

    internal ManualClock Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(1_772_614_935_000));

    internal Dictionary<string, SymbolData> Data { get; } = [];

    internal FakeBot.Counter Asks { get; } = new();

    internal ApiServer Api => _api!;

    internal long NowMs => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task InitializeAsync()
    {
        var now = NowMs;
        var snapshot = MoonstreamData.V2("BTC", 70935.65, 20, now / 1000.0);
        Data["BTCUSDT"] = new SymbolData
        {
            Snapshot = new LiquidationSnapshot("BTCUSDT", snapshot, null) { LastInputMs = now },
            History = [.. Enumerable.Range(0, 40).Select(i => LiquidationHistoryBuffer.ToRecord(MoonstreamData.V2("BTC", 70000 + (i * 10), 20, (now / 1000.0) - ((40 - i) * 60))))],
            Events = [.. Enumerable.Range(0, 10).Select(i => new LiquidationEvent("binance-usdm", "BTCUSDT", i % 2 == 0 ? LiquidationSide.Long : LiquidationSide.Short, 70912.3m + i, 0.011m, now - 60_000 + (i * 1000)))],
            OpenInterest = new OpenInterestState("BTCUSDT", new Dictionary<string, double> { ["binance-usdm"] = 81234.5, ["bybit"] = 52000.1 }, 133234.6, now - 5000),
            Zones = MoonstreamData.Zones("BTC", "BTCUSDT"),
            Frames = MoonstreamData.BookFrames(3, now - 15_000),
            Reconstructor = new BookSyncCounters(100, 4000, 2, 0, 0, 1),
        };
        Data["ETHUSDT"] = new SymbolData
        {
            Snapshot = new LiquidationSnapshot("ETHUSDT", MoonstreamData.V2("ETH", 1987.5, 1, now / 1000.0), null) { LastInputMs = now },
            History = [],
            Events = [],
        };
        Data["SOLUSDT"] = new SymbolData { Frames = [] };
        var bot = Sys.ActorOf(Props.Create(() => new FakeBot(Data, Asks)));
        _api = await ApiServer.StartAsync(bot, Symbols, Clock);
    }

    public async Task DisposeAsync() => await _api!.DisposeAsync();

    internal async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> Get(string path)
    {
        var response = await Api.Http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }
}
