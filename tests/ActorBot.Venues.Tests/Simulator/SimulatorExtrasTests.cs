using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Recordings;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Binance.Streams;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Tests.Streams;

namespace ActorBot.Venues.Tests.Simulator;

public sealed class SimulatorExtrasTests
{
    private static string AggTradesCsv => TestData.Path("aggtrades", "BTCUSD_PERP-aggTrades-2026-05-08.first2000.csv.gz");

    [Fact(DisplayName = "data.binance.vision aggTrades CSV rows read with consecutive ids, the header skipped and the symbol from the file name")]
    public void ReadsAggTradesCsv()
    {
        var bad = new List<long>();
        var trades = AggTradeCsvReader.Read(AggTradesCsv, (line, _) => bad.Add(line)).ToList();
        trades.Should().HaveCount(2000);
        bad.Should().BeEmpty();
        trades[0].Symbol.Should().Be("BTCUSD_PERP");
        trades[0].Price.Should().Be(79972.8m);
        trades.Select(t => t.AggregateTradeId).Should().Equal(Enumerable.Range(0, 2000).Select(i => 480_537_903L + i));
    }

    [Fact(DisplayName = "The simulator replays an aggTrades CSV and serves it back over REST by fromId")]
    public async Task ReplaysCsv()
    {
        await using var host = await Sim.StartAsync(new SimulatorOptions { DataFiles = [AggTradesCsv], Speed = null });
        await host.ReplayCompletion;
        var (client, http) = Sim.Client(host);
        using var ownedHttp = http;
        var page = await client.GetAggTradesAsync("BTCUSD_PERP", fromId: 480_539_900, limit: 10);
        page.Value!.Select(t => t.AggregateTradeId).Should().Equal(480_539_900, 480_539_901, 480_539_902);
        host.Replayer.FramesReplayed.Should().Be(2000);
    }

    [Fact(DisplayName = "A symbol alias serves the recording's trades under the alias too: same prices, times and ids, each symbol's frames counted")]
    public async Task ReplaysUnderAlias()
    {
        var aliases = new Dictionary<string, IReadOnlyList<string>> { ["BTCUSD_PERP"] = ["BTCUSD_PERP_B"] };
        await using var host = await Sim.StartAsync(new SimulatorOptions { DataFiles = [AggTradesCsv], Speed = null, SymbolAliases = aliases });
        await host.ReplayCompletion;
        var (client, http) = Sim.Client(host);
        using var ownedHttp = http;
        var recorded = (await client.GetAggTradesAsync("BTCUSD_PERP", fromId: 480_539_890, limit: 20)).Value!;
        var alias = (await client.GetAggTradesAsync("BTCUSD_PERP_B", fromId: 480_539_890, limit: 20)).Value!;
        recorded.Should().HaveCount(13);
        alias.Select(t => (t.AggregateTradeId, t.Price, t.Quantity, t.TradeTimeMs)).Should().Equal(recorded.Select(t => (t.AggregateTradeId, t.Price, t.Quantity, t.TradeTimeMs)));
        host.Replayer.FramesReplayed.Should().Be(4000, "2,000 recorded trades, each published twice");
    }

    [Fact(DisplayName = "Faults switch at run time through the admin endpoint: partial fills and a REST delay past the client's timeout")]
    public async Task AdminFaults()
    {
        await using var host = await Sim.StartAsync();
        host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        using var admin = new HttpClient { BaseAddress = host.RestUri };
        var (client, http) = Sim.Client(host, new BinanceRestOptions { RequestTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        using var ownedHttp = http;
        var events = new List<string>();
        host.Engine.UserEvent += json =>
        {
            lock (events)
            {
                events.Add(json);
            }
        };

        (await admin.PostAsJsonAsync("/admin/faults", new { partialFills = true })).EnsureSuccessStatusCode();
        var filled = await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "MARKET", "pf-1", 1m));
        filled.Value!.Status.Should().Be("FILLED");
        lock (events)
        {
            events.Count(e => e.Contains("\"x\":\"TRADE\"") && e.Contains("pf-1")).Should().Be(2, "the fill was split in two");
        }

        (await admin.PostAsJsonAsync("/admin/faults", new { partialFills = false, restDelayMs = 1000 })).EnsureSuccessStatusCode();
        (await client.GetOpenInterestAsync("BTCUSDT")).Failure.Should().Be(RestFailureKind.Timeout);
        var inDoubt = await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "LIMIT", "slow-1", 1m, 90m, "GTC"));
        inDoubt.Failure.Should().Be(RestFailureKind.InDoubt, "neither the order nor its lookup answered in time");
        client.OrderLookups.Should().Be(1);

        (await admin.PostAsJsonAsync("/admin/faults", new { restDelayMs = 0 })).EnsureSuccessStatusCode();
        (await client.QueryOrderAsync("BTCUSDT", "slow-1")).Value!.Status.Should().Be("NEW", "the venue had taken it: the caller reconciles, never re-sends");

        (await admin.PostAsJsonAsync("/admin/open-interest", new { symbol = "BTCUSDT", openInterest = 1234.5 })).EnsureSuccessStatusCode();
        (await client.GetOpenInterestAsync("BTCUSDT")).Value!.Quantity.Should().Be(1234.5m);
        (await admin.PostAsync("/admin/faults", new StringContent("not json"))).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
    }

    [Fact(DisplayName = "The client recycles its socket on its own before the 24 h cut (planned reconnect)")]
    public async Task PlannedReconnect()
    {
        await using var host = await Sim.StartAsync();
        var options = new MarketStreamOptions
        {
            BaseUri = host.WsUri,
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(10),
            PlannedReconnectAfter = TimeSpan.FromMilliseconds(100),
        };
        await using var client = new MarketStreamClient(options, ["btcusdt@aggTrade"], (_, _) => ValueTask.CompletedTask);
        client.Start();
        using var feeder = new CancellationTokenSource();
        var feed = Task.Run(async () =>
        {
            for (var id = 1; !feeder.IsCancellationRequested; id++)
            {
                host.PublishTrade("BTCUSDT", 100m, 1m, id);
                await Task.Delay(20);
            }
        });

        await Eventually.True(() => client.Reconnects >= 1, "planned reconnect");
        client.StallsDetected.Should().Be(0);
        await feeder.CancelAsync();
        await feed;
    }

    [Fact(DisplayName = "The client answers the venue's pings, so a quiet connection is not dropped for a missing pong")]
    public async Task PingPong()
    {
        await using var host = await Sim.StartAsync(new SimulatorOptions { WsPingInterval = TimeSpan.FromMilliseconds(100), WsPongTimeout = TimeSpan.FromMilliseconds(1000) });
        await using var client = new MarketStreamClient(new MarketStreamOptions { BaseUri = host.WsUri }, ["btcusdt@aggTrade"], (_, _) => ValueTask.CompletedTask);
        client.Start();
        await Eventually.True(() => host.Streams.SessionCount == 1, "connected");

        // Twenty pings go out while nothing else is sent; each needs the client's pong within a second.
        await Task.Delay(2000);

        client.Connects.Should().Be(1, "no pong timeout cut the socket");
        client.IsConnected.Should().BeTrue();
        host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        await Eventually.True(() => client.FramesReceived == 1, "still delivering");
    }

    [Fact(DisplayName = "decode_errors_total is recorded on the instrument it is given, with source and reason tags")]
    public void DecodeErrorMetric()
    {
        // The service's meter is per instance; this test's own stands in for it.
        using var meter = new Meter("test-" + Guid.NewGuid().ToString("N"));
        var instrument = meter.CreateCounter<long>(DecodeErrorCounter.InstrumentName);
        var seen = new List<(long Value, string? Source, string? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? source = null, reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "source")
                {
                    source = tag.Value as string;
                }
                else if (tag.Key == "reason")
                {
                    reason = tag.Value as string;
                }
            }

            lock (seen)
            {
                seen.Add((value, source, reason));
            }
        });
        listener.Start();

        new AggTradeDecoder(new DecodeErrorCounter(instrument)).TryDecode("{\"e\":\"aggTrade\""u8, out _, out _).Should().BeFalse();

        lock (seen)
        {
            seen.Should().Contain((1, "aggTrade", "malformed_json"));
        }
    }
}
