using System.Diagnostics;
using ActorBot.Engine.Trading;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Scenarios.ScenarioA;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBot.Scenarios;

/// <summary>
/// Scenario 5 (issue 11): ONE service with two venues (<c>/user/venues/binance-usdm</c> trading BTCUSDT and
/// <c>/user/venues/binance-b</c> trading ETHUSDT), each venue its own simulator holding a bracketed position (entry
/// through that venue's execution, SL and TP on the Algo API) and a resting LIMIT placed by hand. Creating the kill
/// file (<c>actorbot.kill-switch.file</c>) — the operator's one act — makes the service's <see cref="KillSwitch"/>
/// send cancel-all to every venue's execution at once: within 1 s neither simulator holds an open order or an open
/// algo order, and each venue's cancel-all reports exactly what it canceled.
/// </summary>
// One at a time: each starts real services and sockets, and timing assertions must not compete with each other.
[Collection(ScenarioACollection.Name)]
public sealed class Scenario5_KillSwitchCancelsEveryVenue : IAsyncLifetime
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private readonly string _killDir = Directory.CreateTempSubdirectory("actorbot-scenario-kill-").FullName;
    private TwoVenueService? _service;

    private string KillFile => Path.Combine(_killDir, "KILL_SWITCH");

    public async Task InitializeAsync() => _service = await TwoVenueService.StartAsync("kill", $$"""
        actorbot.kill-switch.file = "{{KillFile}}"
        actorbot.kill-switch.poll-interval = 50ms
        """);

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        Directory.Delete(_killDir, recursive: true);
    }

    [Fact(DisplayName = "Scenario 5: one service's kill switch cancels every order and algo order on both of its venues within 1 s, and each venue's cancel-all counts 1 order and 2 algo orders")]
    public async Task The_kill_switch_cancels_all_orders_on_every_venue_within_one_second()
    {
        var service = _service!;
        var venues = new[] { (Venue: TwoVenueService.VenueA, Symbol: TwoVenueService.SymbolA), (Venue: TwoVenueService.VenueB, Symbol: TwoVenueService.SymbolB) };
        foreach (var (venue, symbol) in venues)
        {
            await OpenBracketedPositionAndRestingOrder(service, venue, symbol, $"ev-kill-{venue}");
        }

        var sims = venues.Select(v => service.Sim(v.Venue)).ToList();
        var clock = Stopwatch.StartNew();
        await File.WriteAllTextAsync(KillFile, "scenario 5");
        await Poll.Until(
            () => Task.FromResult(sims.All(s => TwoVenueService.OpenOrders(s) == 0 && s.Engine.OpenAlgoOrderCount == 0)),
            x => x,
            "no open order and no open algo order on either venue",
            TwoVenueService.Deadline,
            _ => string.Join("; ", sims.Select(s => $"{TwoVenueService.OpenOrders(s)} orders, {s.Engine.OpenAlgoOrderCount} algo orders")));
        var took = clock.Elapsed;

        took.Should().BeLessThan(OneSecond, "cancel-all on every venue within 1 s of the kill");
        var kill = service.App.Services.GetRequiredService<KillSwitch>();
        kill.Engaged.Should().BeTrue();
        kill.Source.Should().Be($"file {KillFile}");
        var combined = await Poll.Until(() => Task.FromResult(kill.LastCancelAll), d => d is not null, "the cancel-all's answer", TwoVenueService.Deadline);
        combined!.OrdersCanceled.Should().Be(2);
        combined.AlgoOrdersCanceled.Should().Be(4);
        kill.LastCancelAllByVenue.Keys.Should().BeEquivalentTo(venues.Select(v => v.Venue));
        foreach (var (venue, symbol) in venues)
        {
            var done = kill.LastCancelAllByVenue[venue];
            done.OrdersCanceled.Should().Be(1);
            done.AlgoOrdersCanceled.Should().Be(2);
            done.PositionsFlattened.Should().Be(0, "kill-switch.flatten is off");
            done.Took.Should().BeLessThan(OneSecond);
            service.Sim(venue).Engine.PositionAmount(symbol).Should().Be(1m, "without flatten the position is left to the operator");
        }

        (await service.BotStatus()).PauseReasons.Should().Contain("kill switch on");
    }

    /// <summary>A long of 1 through the venue's execution (MARKET entry, SL and TP on the Algo API) and a resting LIMIT placed by hand.</summary>
    private static async Task OpenBracketedPositionAndRestingOrder(TwoVenueService service, string venue, string symbol, string eventId)
    {
        var sim = service.Sim(venue);
        // A price for the MARKET entry to fill at.
        sim.PublishTrade(symbol, 100m, 1m, 1);
        var execution = await service.Execution(venue);
        var filled = await execution.Ask<EntryFilled>(r => new PlaceEntry(symbol, eventId, sim.Engine.NowMs, 1, 1m, 95m, 106m, r), TwoVenueService.Deadline, CancellationToken.None);
        filled.Quantity.Should().Be(1m);
        await Poll.Until(() => Task.FromResult(sim.Engine.OpenAlgoOrderCount), n => n == 2, $"{venue}: both brackets working", TwoVenueService.Deadline);
        TwoVenueService.RestingLimit(sim, symbol, $"manual-{eventId}");
        TwoVenueService.OpenOrders(sim).Should().Be(1);
    }
}
