using ActorBot.Domain.Risk;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Trading;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Scenarios.ScenarioA;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;

namespace ActorBot.Scenarios;

/// <summary>
/// Scenario 6 (issue 11): ONE service with two venues, each its own simulator: venue A (<c>binance-usdm</c>) trades
/// BTCUSDT, venue B (<c>binance-b</c>) trades ETHUSDT, both running. A's simulator then drops every socket and refuses
/// new ones: after <c>disabled-grace</c> <c>/venues/binance-usdm/health</c> is Disabled and the bot's SAFE_PAUSE has the
/// one reason "venue binance-usdm disabled" — which pauses A's symbol only. A's entry is dropped by /risk as
/// <c>safe_pause</c> and A's simulator never sees an order, while B, untouched, stays Healthy, its symbol unpaused, and
/// B's entry fills on B's simulator with both brackets.
/// </summary>
// One at a time: each starts real services and sockets, and timing assertions must not compete with each other.
[Collection(ScenarioACollection.Name)]
public sealed class Scenario6_OneVenueDisabledAnotherTrades : IAsyncLifetime
{
    private TwoVenueService? _service;

    // Stale data would pause too: its timeout is longer than the test, so the venue's health is the only cause.
    public async Task InitializeAsync() => _service = await TwoVenueService.StartAsync("disabled", """
        actorbot.safe-pause.stale-timeout = 60s
        actorbot.safe-pause.clear-hysteresis = 200ms
        actorbot.venues.binance-usdm.disabled-grace = 500ms
        actorbot.venues.binance-b.disabled-grace = 500ms
        """);

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact(DisplayName = "Scenario 6: in one service with venue A Disabled, A's symbol's entry is dropped as safe_pause and A gets no order, while venue B stays Healthy and B's symbol's entry reaches B's simulator with its brackets")]
    public async Task One_venue_disabled_pauses_its_entries_while_the_other_venue_keeps_trading()
    {
        var s = _service!;
        var (a, b) = (TwoVenueService.VenueA, TwoVenueService.VenueB);
        await s.TradeUntilRunning(100m, 1);

        s.SimA.Faults.RefuseConnect = true;
        s.SimA.DropSockets();
        var health = await Poll.Until(() => s.Health(a), h => h.Status == VenueStatus.Disabled, "venue A Disabled", TwoVenueService.Deadline, h => h.ToString());
        health.StreamUp.Should().BeFalse();
        health.RestStatus.Should().Be(VenueStatus.Healthy, "REST still answers: the market stream is what is down");
        var paused = await Poll.Until(s.BotStatus, st => st.Paused, "SAFE_PAUSE on venue A", TwoVenueService.Deadline);
        paused.PauseReasons.Should().Equal("venue binance-usdm disabled");
        paused.PausedSymbols.Should().Equal([TwoVenueService.SymbolA], "a venue's cause pauses only the symbols it trades");
        (await SymbolPaused(s, TwoVenueService.SymbolA)).Should().BeTrue();
        (await SymbolPaused(s, TwoVenueService.SymbolB)).Should().BeFalse();

        var droppedA = await s.Intent(TwoVenueService.SymbolA, "ev-a");
        droppedA.Should().BeOfType<TradeRejected>().Which.Reason.Should().Be(DropReason.SafePause);
        (await s.RiskStatus()).DropsByReason.Where(d => d.Value > 0).ToDictionary().Should().BeEquivalentTo(new Dictionary<string, long> { [DropReason.SafePause] = 1 });
        s.SimA.Engine.OrderCount.Should().Be(0);
        s.SimA.Engine.OpenAlgoOrderCount.Should().Be(0);

        (await s.Health(b)).Status.Should().Be(VenueStatus.Healthy);
        var filledB = await s.Intent(TwoVenueService.SymbolB, "ev-b");
        filledB.Should().BeOfType<EntryFilled>().Which.Quantity.Should().Be(1m);
        await Poll.Until(() => Task.FromResult(s.SimB.Engine.OpenAlgoOrderCount), n => n == 2, "B's brackets working", TwoVenueService.Deadline);
        s.SimB.Engine.OrderCount.Should().Be(1);
        s.SimB.Engine.PositionAmount(TwoVenueService.SymbolB).Should().Be(1m);
        s.SimA.Engine.OrderCount.Should().Be(0, "B's entry never went to A");
        (await s.RiskStatus()).DropsByReason.Values.Sum().Should().Be(1, "only A's entry was dropped");
    }

    private static async Task<bool> SymbolPaused(TwoVenueService s, string symbol) =>
        (await s.BotStatus()).PausedSymbols.Contains(symbol);
}
