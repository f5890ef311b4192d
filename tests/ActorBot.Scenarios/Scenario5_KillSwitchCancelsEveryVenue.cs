using System.Diagnostics;
using ActorBot.Engine.Trading;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Scenarios.ScenarioA;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBot.Scenarios;

/// <summary>
/// Scenario 5 (issue 11): two venues, each a simulator with a bracketed position (entry through the service's
/// execution, SL and TP on the Algo API) and a resting LIMIT placed by hand. A service runs one trading venue
/// (ServiceHost wires <c>/user/venues/{venue}/execution</c> for one venue only), so the two venues are two services
/// in this process that share one kill file (<c>actorbot.kill-switch.file</c>, an absolute path). Creating that file
/// — the operator's one act — cancels everything on both venues: within 1 s of it neither simulator holds an open
/// order or an open algo order, and each service's <see cref="KillSwitch"/> reports exactly what it canceled.
/// </summary>
// One at a time: each starts real services and sockets, and timing assertions must not compete with each other.
[Collection(ScenarioACollection.Name)]
public sealed class Scenario5_KillSwitchCancelsEveryVenue : IAsyncLifetime
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private readonly string _killDir = Directory.CreateTempSubdirectory("actorbot-scenario-kill-").FullName;
    private ServiceOnSimulator? _a;
    private ServiceOnSimulator? _b;

    private string KillFile => Path.Combine(_killDir, "KILL_SWITCH");

    public async Task InitializeAsync()
    {
        var hocon = $$"""
            actorbot.kill-switch.file = "{{KillFile}}"
            actorbot.kill-switch.poll-interval = 50ms
            """;
        var a = ServiceOnSimulator.StartAsync("kill-a", hocon);
        var b = ServiceOnSimulator.StartAsync("kill-b", hocon);
        // Both are kept even if one fails, so DisposeAsync stops whichever started.
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

        Directory.Delete(_killDir, recursive: true);
    }

    [Fact(DisplayName = "Scenario 5: the kill switch cancels every order and algo order on both venues within 1 s, and each venue's cancel-all counts 1 order and 2 algo orders")]
    public async Task The_kill_switch_cancels_all_orders_on_every_venue_within_one_second()
    {
        var venues = new[] { _a!, _b! };
        foreach (var (service, i) in venues.Select((s, i) => (s, i)))
        {
            await OpenBracketedPositionAndRestingOrder(service, $"ev-kill-{i}");
        }

        var clock = Stopwatch.StartNew();
        await File.WriteAllTextAsync(KillFile, "scenario 5");
        await Poll.Until(
            () => Task.FromResult(venues.All(v => v.OpenOrders() == 0 && v.Sim.Engine.OpenAlgoOrderCount == 0)),
            x => x,
            "no open order and no open algo order on either venue",
            ServiceOnSimulator.Deadline,
            _ => string.Join("; ", venues.Select(v => $"{v.OpenOrders()} orders, {v.Sim.Engine.OpenAlgoOrderCount} algo orders")));
        var took = clock.Elapsed;

        took.Should().BeLessThan(OneSecond, "cancel-all on every venue within 1 s of the kill");
        foreach (var service in venues)
        {
            var kill = service.App.Services.GetRequiredService<KillSwitch>();
            kill.Engaged.Should().BeTrue();
            kill.Source.Should().Be($"file {KillFile}");
            var done = await Poll.Until(() => Task.FromResult(kill.LastCancelAll), d => d is not null, "the cancel-all's answer", ServiceOnSimulator.Deadline);
            done!.OrdersCanceled.Should().Be(1);
            done.AlgoOrdersCanceled.Should().Be(2);
            done.PositionsFlattened.Should().Be(0, "kill-switch.flatten is off");
            done.Took.Should().BeLessThan(OneSecond);
            service.Sim.Engine.PositionAmount(ServiceOnSimulator.Btc).Should().Be(1m, "without flatten the position is left to the operator");
            (await service.BotStatus()).PauseReasons.Should().Contain("kill switch on");
        }
    }

    /// <summary>A long of 1 through the service's execution (MARKET entry, SL and TP on the Algo API) and a resting LIMIT placed by hand.</summary>
    private static async Task OpenBracketedPositionAndRestingOrder(ServiceOnSimulator service, string eventId)
    {
        // A price for the MARKET entry to fill at.
        service.Sim.PublishTrade(ServiceOnSimulator.Btc, 100m, 1m, 1);
        var filled = await service.Execution.Ask<EntryFilled>(r => new PlaceEntry(ServiceOnSimulator.Btc, eventId, service.Sim.Engine.NowMs, 1, 1m, 95m, 106m, r), ServiceOnSimulator.Deadline, CancellationToken.None);
        filled.Quantity.Should().Be(1m);
        await Poll.Until(() => Task.FromResult(service.Sim.Engine.OpenAlgoOrderCount), n => n == 2, "both brackets working", ServiceOnSimulator.Deadline);
        service.RestingLimit($"manual-{eventId}");
        service.OpenOrders().Should().Be(1);
    }
}
