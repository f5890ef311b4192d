using System.Collections.Concurrent;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Binance.Streams;
using ActorBot.Venues.Binance.UserData;
using ActorBot.Venues.Simulator;
using Akka.Actor;
using Akka.TestKit;
using Microsoft.Data.Sqlite;

namespace ActorBot.Engine.Tests.Execution;

/// <summary>
/// The venue simulator on a loopback port, a REST client for it, an actor system on a temp SQLite journal, and a
/// spy user-data stream that records every event the venue emits (to re-deliver duplicates and to look at fills).
/// </summary>
internal sealed class ExecutionHarness : IAsyncDisposable
{
    public const string Symbol = "BTCUSDT";
    private readonly string _dir;
    private readonly HttpClient _http;
    private readonly UserDataStreamClient _spy;
    private int _generation;

    private ExecutionHarness(SimulatorHost host, string dir, ActorSystem system)
    {
        Host = host;
        _dir = dir;
        _http = new HttpClient(new FaultHandler(this) { InnerHandler = new HttpClientHandler() });
        System = system;
        Kit = new Akka.TestKit.Xunit2.TestKit(system);
        Trader = Kit.CreateTestProbe("trader");
        var options = new BinanceRestOptions { BaseAddress = host.RestUri, RequestTimeout = TimeSpan.FromSeconds(10) };
        Rest = new BinanceRestClient(_http, options, new BinanceCredentials("sim-api-key", "sim-api-secret"), new DecodeErrorCounter(), jitter: new Random(7));
        _spy = new UserDataStreamClient(Rest, host.WsUri, new DecodeErrorCounter(), e =>
        {
            Events.Enqueue(e);
            return ValueTask.CompletedTask;
        })
        { RetryDelay = TimeSpan.FromMilliseconds(20) };
    }

    public SimulatorHost Host { get; }

    /// <summary>The SQLite file the journal and snapshot store write (read with plain SQL by snapshot tests).</summary>
    public string DbPath => Path.Combine(_dir, "actorbot.db");

    public ActorSystem System { get; }

    public Akka.TestKit.Xunit2.TestKit Kit { get; }

    public TestProbe Trader { get; }

    public BinanceRestClient Rest { get; }

    public ConcurrentQueue<UserDataEvent> Events { get; } = new();

    /// <summary>Requests matching this answer HTTP 500 before reaching the venue (client-side fault: "GET /fapi/v1/order").</summary>
    public volatile string? FailRoute;

    public static async Task<ExecutionHarness> StartAsync()
    {
        var host = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0 });
        var dir = Directory.CreateTempSubdirectory("actorbot-exec-").FullName;
        var options = SqlPersistenceOptions.SqliteFile(Path.Combine(dir, "actorbot.db"));
        await SchemaCreator.CreateAsync(options);
        var system = ActorSystem.Create("exec", ActorBotPersistence.SystemSetup(options, EnginePersistence.CreateSerializer(),
            Akka.Configuration.ConfigurationFactory.ParseString($"akka.loglevel = {Environment.GetEnvironmentVariable("EXEC_TEST_LOG") ?? "WARNING"}")));
        var harness = new ExecutionHarness(host, dir, system);
        harness._spy.Start();
        harness.Kit.AwaitAssert(() => host.Streams.SessionCount.Should().Be(1), TimeSpan.FromSeconds(10));
        return harness;
    }

    /// <summary>Starts /execution (a fresh incarnation on the same journal) and waits until restart-flatten let it accept intents.</summary>
    public IActorRef StartExecution(ExecutionSettings? settings = null, bool waitReady = true, Func<string?>? entryFence = null, Func<string?>? writeFence = null)
    {
        var sessionsBefore = Host.Streams.SessionCount;
        var actor = System.ActorOf(
            ExecutionActor.Props(settings ?? new ExecutionSettings("sim", [Symbol, "ETHUSDT"]), Rest, Host.WsUri, new DecodeErrorCounter(), entryFence: entryFence, writeFence: writeFence),
            $"execution-{++_generation}");
        if (!waitReady)
        {
            return actor;
        }

        Kit.AwaitAssert(() => Status(actor).Phase.Should().Be(ExecutionPhase.Ready), TimeSpan.FromSeconds(10));
        // Its own user stream is up too (one more session than before), so no fill can slip by unheard.
        Kit.AwaitAssert(() => Host.Streams.SessionCount.Should().BeGreaterThan(sessionsBefore), TimeSpan.FromSeconds(10));
        return actor;
    }

    public ExecutionStatus Status(IActorRef actor) => actor.Ask<ExecutionStatus>(GetExecutionStatus.Instance, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();

    public void Stop(IActorRef actor)
    {
        Kit.Watch(actor);
        System.Stop(actor);
        Kit.ExpectTerminated(actor, TimeSpan.FromSeconds(10));
        // Its user stream is gone too (only the spy is left), so the next incarnation's stream is counted on its own.
        Kit.AwaitAssert(() => Host.Streams.SessionCount.Should().Be(1), TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await _spy.DisposeAsync();
        await System.Terminate();
        await Host.DisposeAsync();
        _http.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Fails one route on the test's side of the socket, so a fault can hit a lookup but not the order before it.</summary>
    private sealed class FaultHandler(ExecutionHarness owner) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            owner.FailRoute is { } route && $"{request.Method} {request.RequestUri!.AbsolutePath}" == route
                ? Task.FromResult(new HttpResponseMessage(global::System.Net.HttpStatusCode.InternalServerError) { Content = new StringContent("{\"code\":-1000,\"msg\":\"injected\"}") })
                : base.SendAsync(request, cancellationToken);
    }
}
