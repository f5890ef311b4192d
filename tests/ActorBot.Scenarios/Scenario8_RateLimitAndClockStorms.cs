using System.Net;
using ActorBot.Scenarios.ScenarioB;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Simulator;

namespace ActorBot.Scenarios;

/// <summary>
/// Scenario 8: another client on the same IP spends the weight window (the venue answers 429 with Retry-After), and the
/// venue clock jumps 30 s (signed requests see −1021 until resynced). The service's REST client, placing an order in
/// the middle of it, waits out the Retry-After without a single request while limited, resyncs serverTime once, and the
/// order is placed exactly once; the simulator never answers it 418 — and does ban a neighbour that keeps calling
/// during a 429 (Binance's rule: repeated 429 violations → 418 IP ban), so "no 418" is a rule the client kept.
/// Virtual time (<see cref="ManualClock"/>) for the venue's windows and the client's waits: nothing sleeps.
/// </summary>
public sealed class Scenario8_RateLimitAndClockStorms
{
    // 57 s into a one-minute weight window: the 429's Retry-After is the 3 s left.
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 12, 0, 57, TimeSpan.Zero);

    [Fact(DisplayName = "Scenario 8: under a 429 storm (Retry-After 3 s) then a −1021 storm (venue clock +30 s) the client sends nothing while limited, resyncs serverTime once, places the order exactly once: 2 × 429, 1 retry, 1 resync, 0 × 418")]
    public async Task Rate_limit_and_timestamp_storms_back_off_resync_and_place_the_order_once_without_418()
    {
        var clock = new ManualClock(Start);
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, WeightLimit = 10, Time = clock });
        sim.PublishTrade("BTCUSDT", 100m, 1m, 1);
        using var http = new HttpClient();
        var client = new BinanceRestClient(http, new BinanceRestOptions { BaseAddress = sim.RestUri }, new BinanceCredentials("sim-api-key", "sim-api-secret"), new DecodeErrorCounter(), clock);
        (await client.SyncTimeAsync()).IsSuccess.Should().BeTrue();
        using var neighbour = new HttpClient { BaseAddress = sim.RestUri };

        // The neighbour spends the window (10 × weight 1; our sync took 1) and stops at its first 429, as it should.
        (await Spend(neighbour)).Should().Be(9);
        sim.Weights.Rejected429.Should().Be(1);
        sim.Faults.ClockSkewMs = 30_000;

        var order = client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "MARKET", "s8-storm", 1m));
        await VenueTree.PollAsync(() => client.Retries == 1 && clock.PendingTimers == 1, "the order met the 429 and waits out Retry-After");
        sim.Weights.Rejected429.Should().Be(2);
        var requestsWhileLimited = sim.RequestCount;
        // Two more calls during the limit queue behind it instead of going out.
        var more = new[] { client.GetOpenInterestAsync("BTCUSDT"), client.GetOpenInterestAsync("ETHUSDT") };
        await VenueTree.PollAsync(() => clock.PendingTimers == 3, "both wait for the same Retry-After");
        sim.RequestCount.Should().Be(requestsWhileLimited, "nothing is sent while the 429 is in force");
        order.IsCompleted.Should().BeFalse();

        clock.Advance(TimeSpan.FromSeconds(3));
        var placed = await order.WaitAsync(VenueTree.Wait);
        placed.IsSuccess.Should().BeTrue(placed.ToString());
        placed.Value!.Status.Should().Be("FILLED");
        (await Task.WhenAll(more).WaitAsync(VenueTree.Wait)).Should().OnlyContain(r => r.IsSuccess);

        sim.Engine.ClientOrderIds.Should().Equal("s8-storm");
        sim.Engine.PositionAmount("BTCUSDT").Should().Be(1m, "placed once");
        sim.Weights.Rejected429.Should().Be(2, "the neighbour's and the order's first try; none while limited");
        sim.Weights.Rejected418.Should().Be(0);
        client.Retries.Should().Be(1, "one retry after the 429");
        client.TimeResyncs.Should().Be(1, "one −1021, one resync, one retry");
        client.Clock.OffsetMs.Should().Be(30_000);
        // After the limit: the order's −1021 try, the serverTime resync, the order, the two queued calls.
        (sim.RequestCount - requestsWhileLimited).Should().Be(5);

        // The rule the client kept is live: a neighbour that keeps calling through a 429 is banned on the 4th call.
        await Spend(neighbour);
        var after429 = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            after429.Add((await neighbour.GetAsync("/fapi/v1/time")).StatusCode);
        }

        after429.Should().Equal(HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, (HttpStatusCode)418);
        sim.Weights.Rejected418.Should().Be(1);
    }

    /// <summary>Calls until the first 429; returns how many were answered 200.</summary>
    private static async Task<int> Spend(HttpClient neighbour)
    {
        for (var ok = 0; ; ok++)
        {
            var status = (await neighbour.GetAsync("/fapi/v1/time")).StatusCode;
            if (status == HttpStatusCode.TooManyRequests)
            {
                return ok;
            }

            status.Should().Be(HttpStatusCode.OK);
            ok.Should().BeLessThan(100, "the window must run out");
        }
    }
}
