using System.Diagnostics;
using System.Text.Json;
using ActorBot.Domain.Bars;
using ActorBot.Domain.Execution;
using ActorBot.Domain.Models;
using ActorBot.Domain.Modes;
using ActorBot.Domain.ShockFlip;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Trading;
using ActorBot.Host.Service;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBot.Benchmarks.Suites.Service;

/// <summary>
/// The real service (<see cref="ServiceHost.Build"/>, testnet, the whole actor tree, SQLite journal in a temp folder)
/// against a loopback simulator that a background loop keeps fresh with one trade every 100 ms (so the bot is not in
/// SAFE_PAUSE). A signal is a <see cref="BarAnalysed"/> carrying a ShockFlip event and a taking decision, told to
/// <c>/user/bot/{symbol}/trader</c> — exactly what <c>/shockflip</c> sends it after the model routed an event — and it
/// travels the real path: trader → <c>/user/bot/risk</c> (gates, sizing, journal) → <c>/user/venues/{venue}/execution</c>
/// (journal, signed REST) → the simulator. Risk's warm-up gate is opened by telling risk the symbol is warm (what
/// <c>/shockflip</c> says after its warm-up bars); nothing else is bypassed.
/// </summary>
internal sealed class ServiceTree : IAsyncDisposable
{
    public const string Symbol = "BTCUSDT";
    private const decimal Price = 60_000m;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly SimulatorHost _sim;
    private readonly WebApplication _app;
    private readonly string _dir;
    private readonly ActorSystem _system;
    private readonly IActorRef _trader;
    private readonly string _strategy;
    private readonly CancellationTokenSource _stop;
    private readonly Task _ticker;
    private Pending? _pending;

    private ServiceTree(SimulatorHost sim, WebApplication app, string dir, IActorRef trader, string strategy, Task ticker, CancellationTokenSource stop)
    {
        _sim = sim;
        _app = app;
        _dir = dir;
        _system = app.Services.GetRequiredService<ActorSystem>();
        _trader = trader;
        _strategy = strategy;
        _ticker = ticker;
        _stop = stop;
        sim.Engine.UserEvent += OnVenueEvent;
    }

    public SimulatorHost Simulator => _sim;

    public static async Task<ServiceTree> StartAsync()
    {
        var options = new SimulatorOptions { Port = 0, WeightLimit = 10_000_000, AutoStartReplay = false };
        var sim = await SimulatorHost.StartAsync(options);
        var dir = Directory.CreateTempSubdirectory("actorbot-bench-service-").FullName;
        var stop = new CancellationTokenSource();
        var aggId = 0L;
        sim.PublishTrade(Symbol, Price, 0.01m, ++aggId);
        // The feed the bot watches for staleness: one trade every 100 ms at a flat price (no ShockFlip event of its own).
        var ticker = Task.Run(async () =>
        {
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            while (await tick.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                sim.PublishTrade(Symbol, Price, 0.01m, ++aggId);
            }
        });

        var path = Path.Combine(dir, "bench.conf");
        // Caps out of the way (every intent approved: this times the path, not a refusal); the full order-count
        // budget (weight-share 1), so the client's own limiter does not pace the run.
        await File.WriteAllTextAsync(path, $$"""
            actorbot {
              state-dir = "{{dir}}"
              symbols = [{{Symbol}}]
              simulator.enabled = off
              venues.binance-usdm {
                testnet { rest-base-url = "{{sim.RestUri}}", ws-base-url = "{{sim.WsUri}}" }
                market-data = on
                weight-share = 1.0
              }
              risk {
                daily-loss-cap-usd = 1000000
                loss-streak-max = 1000000
                max-notional-per-symbol-usd = 1000000
                free-balance-usd = 100000
              }
            }
            """);
        var keys = new Func<string, string?>(name => name switch
        {
            "BINANCE_API_KEY" => options.ApiKey,
            "BINANCE_API_SECRET" => options.ApiSecret,
            _ => null,
        });
        var app = ServiceHost.Build(ServiceConfiguration.Load(path, keys), TradeMode.Testnet, httpPortOverride: 0, keys);
        await app.StartAsync();
        var system = app.Services.GetRequiredService<ActorSystem>();
        // The symbol's subtree starts asynchronously under /user/bot.
        IActorRef? trader = null;
        await Until(async () =>
        {
            try
            {
                trader = await system.ActorSelection($"/user/bot/{Symbol}/trader").ResolveOne(TimeSpan.FromSeconds(1));
                return true;
            }
            catch (ActorNotFoundException)
            {
                return false;
            }
        }, $"/user/bot/{Symbol}/trader");
        var strategy = app.Services.GetRequiredService<TradingRuntime>().Execution.Strategy;

        // Fresh data clears SAFE_PAUSE after the bot's hysteresis (the service's /ready says 200 when nothing is
        // paused, risk's gate included); then the stand-in for /shockflip's warm-up.
        using var probe = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        await Until(async () => (await probe.GetAsync("/ready")).IsSuccessStatusCode, "the service's /ready (SAFE_PAUSE cleared)");
        system.ActorSelection("/user/bot/risk").Tell(new SymbolWarmChanged(Symbol, true));
        return new ServiceTree(sim, app, dir, trader!, strategy, ticker, stop);
    }

    /// <summary>One signal: timed (ms) from the Tell to the trader to the venue's acceptance of the entry, then settled untimed.</summary>
    public async Task<double> Signal(int i)
    {
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var openMs = nowMs - Bar.MinuteMs;
        var eventId = $"bench-{i}";
        var features = new BarFeatures { Bar = new Bar(openMs, 60_010, 60_050, 59_950, (double)Price, 10, 5, 5, 100), Index = 1_000 + i, Atr = 50 };
        var signal = new SnapSignal(ShockFlipEvent.From(features, 1), new double[24]);
        var decision = new RoutingDecision(eventId, "bench", 0.9, null, null, 0.5, true, null);
        var pending = new Pending(ClientOrderId.Create(_strategy, Symbol, signal.Event.DecisionTimeMs, OrderLeg.Entry));
        Volatile.Write(ref _pending, pending);
        var start = Stopwatch.GetTimestamp();
        _trader.Tell(new BarAnalysed(Symbol, features.Bar, signal, decision, eventId));
        long accepted;
        try
        {
            accepted = await pending.AcceptedAt.Task.WaitAsync(Wait);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"signal {eventId}: no entry on the venue within {Wait.TotalSeconds} s; trader: {await TraderSummary()}");
        }

        var elapsed = Stopwatch.GetElapsedTime(start, accepted);

        // Settle: the fill journaled and both brackets working, then a close through risk; the venue flat and the
        // trader's slot free again before the next signal.
        await Until(async () => _sim.Engine.OpenAlgoOrderCount == 2 && Summary(await _trader.Ask<ActorProbe>(ProbeState.Instance, Wait)).GetProperty("openTrades").GetInt32() == 1, $"{eventId} open with brackets");
        _system.ActorSelection("/user/bot/risk").Tell(new ClosePosition(Symbol, eventId, "horizon"), _trader);
        await Until(async () => _sim.Engine.PositionAmount(Symbol) == 0m && _sim.Engine.OpenAlgoOrderCount == 0
            && Summary(await _trader.Ask<ActorProbe>(ProbeState.Instance, Wait)).GetProperty("openTrades").GetInt32() == 0, $"{eventId} closed");
        return elapsed.TotalMilliseconds;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _ticker;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        await _sim.DisposeAsync();
        _stop.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<string> TraderSummary() => JsonSerializer.Serialize((await _trader.Ask<ActorProbe>(ProbeState.Instance, Wait)).Summary);

    private static JsonElement Summary(ActorProbe probe) => JsonSerializer.SerializeToElement(probe.Summary);

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > Wait)
            {
                throw new TimeoutException($"waited {Wait.TotalSeconds} s for {what}");
            }

            await Task.Delay(5);
        }
    }

    // Raised inside the simulator's order handling (under its lock): the entry is on the venue now.
    private void OnVenueEvent(string json)
    {
        if (Volatile.Read(ref _pending) is { } p && json.Contains(p.ClientOrderId, StringComparison.Ordinal)
            && json.Contains("\"x\":\"NEW\"", StringComparison.Ordinal))
        {
            p.AcceptedAt.TrySetResult(Stopwatch.GetTimestamp());
        }
    }

    private sealed record Pending(string ClientOrderId)
    {
        public TaskCompletionSource<long> AcceptedAt { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
