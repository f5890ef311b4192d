using ActorBot.Domain.Risk;
using ActorBot.Engine.Trading;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Scenarios.ScenarioA;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Scenarios;

/// <summary>
/// Scenario 6 (issue 11): two venues, each a simulator traded by its own service (a service runs one trading venue;
/// see Scenario 5), both running. Venue A's simulator then drops every socket and refuses new ones: after
/// <c>disabled-grace</c> A's <c>/venues/binance-usdm/health</c> is Disabled and A's bot is in SAFE_PAUSE with the one
/// reason "venue binance-usdm disabled", so A's entry is dropped by /risk as <c>safe_pause</c> and A's simulator never
/// sees an order — while B, untouched, stays Healthy and B's entry fills on B's simulator with both brackets.
/// </summary>
// One at a time: each starts real services and sockets, and timing assertions must not compete with each other.
[Collection(ScenarioACollection.Name)]
public sealed class Scenario6_OneVenueDisabledAnotherTrades : IAsyncLifetime
{
    private ServiceOnSimulator? _a;
    private ServiceOnSimulator? _b;

    public async Task InitializeAsync()
    {
        // Stale data would pause too: its timeout is longer than the test, so the venue's health is the only cause.
        const string Hocon = """
            actorbot.safe-pause.stale-timeout = 60s
            actorbot.safe-pause.clear-hysteresis = 200ms
            actorbot.venues.binance-usdm.disabled-grace = 500ms
            """;
        var a = ServiceOnSimulator.StartAsync("disabled-a", Hocon);
        var b = ServiceOnSimulator.StartAsync("trading-b", Hocon);
        try
        {
            await Task.WhenAll(a, b);
        }
        finally
        {
            _a = a.IsCompletedSuccessfully ? a.Result : null;
            _b = b.IsCompletedSuccessfully ? b.Result : null;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var service in new[] { _a, _b })
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }
    }

    [Fact(DisplayName = "Scenario 6: with venue A Disabled its entry is dropped as safe_pause and A gets no order, while venue B stays Healthy and B's entry reaches B's simulator with its brackets")]
    public async Task One_venue_disabled_pauses_its_entries_while_the_other_venue_keeps_trading()
    {
        var (a, b) = (_a!, _b!);
        await Task.WhenAll(a.TradeUntilRunning(100m, 1), b.TradeUntilRunning(100m, 1));

        a.Sim.Faults.RefuseConnect = true;
        a.Sim.DropSockets();
        var health = await Poll.Until(a.Health, h => h.Status == VenueStatus.Disabled, "venue A Disabled", ServiceOnSimulator.Deadline, h => h.ToString());
        health.StreamUp.Should().BeFalse();
        health.RestStatus.Should().Be(VenueStatus.Healthy, "REST still answers: the market stream is what is down");
        var pausedA = await Poll.Until(a.BotStatus, s => s.Paused, "A in SAFE_PAUSE", ServiceOnSimulator.Deadline);
        pausedA.PauseReasons.Should().Equal("venue binance-usdm disabled");

        var droppedA = await a.Intent("ev-a");
        droppedA.Should().BeOfType<TradeRejected>().Which.Reason.Should().Be(DropReason.SafePause);
        (await a.RiskStatus()).DropsByReason.Where(d => d.Value > 0).ToDictionary().Should().BeEquivalentTo(new Dictionary<string, long> { [DropReason.SafePause] = 1 });
        a.Sim.Engine.OrderCount.Should().Be(0);
        a.Sim.Engine.OpenAlgoOrderCount.Should().Be(0);

        (await b.Health()).Status.Should().Be(VenueStatus.Healthy);
        (await b.BotStatus()).Paused.Should().BeFalse();
        var filledB = await b.Intent("ev-b");
        filledB.Should().BeOfType<EntryFilled>().Which.Quantity.Should().Be(1m);
        await Poll.Until(() => Task.FromResult(b.Sim.Engine.OpenAlgoOrderCount), n => n == 2, "B's brackets working", ServiceOnSimulator.Deadline);
        b.Sim.Engine.OrderCount.Should().Be(1);
        b.Sim.Engine.PositionAmount(ServiceOnSimulator.Btc).Should().Be(1m);
        (await b.RiskStatus()).DropsByReason.Values.Sum().Should().Be(0);
    }
}
