using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Configuration;
using ActorBot.Engine.Hud;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Telemetry;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Engine.Venues.Paper;
using ActorBot.Host.Service.Cluster;
using ActorBot.Host.Service.Metrics;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.Hosting;

namespace ActorBot.Host.Service;

/// <summary>
/// Builds the running service: Generic Host + Kestrel probe + the actor system (Akka.Hosting) with
/// <c>/user/bot</c> and, when a venue streams market data (testnet, or <c>market-data = on</c>),
/// one <c>/user/venues/{venue}</c> per enabled venue feeding the bot (with <c>execution</c> and <c>account</c> under it in testnet/live with keys,
/// and the in-process paper <c>execution</c> in paper). Everything is configured from <see cref="ServiceConfiguration"/>.
/// </summary>
public static class ServiceHost
{
    /// <param name="environment">environment lookup (tests inject one); the process environment by default.</param>
    /// <param name="minimumLogLevel">
    /// the least level logged (<c>run --dashboard</c>: warnings, as the live view owns the terminal); null: the host's
    /// configuration decides (Information, or <c>Logging__LogLevel__Default</c>).
    /// </param>
    public static WebApplication Build(ServiceConfiguration configuration, TradeMode mode, int? httpPortOverride, Func<string, string?>? environment = null, LogLevel? minimumLogLevel = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        ArgumentNullException.ThrowIfNull(configuration);
        var config = configuration.Config;
        var botSettings = BotSettings.FromConfig(config, mode);
        // Read before the host starts so a bad URL or duration fails `actorbot run` with exit 2, not later: one
        // subtree per enabled venue that streams in this mode, each with its own symbols.
        var venues = TradingRuntime.StreamingVenues(config, mode, botSettings);
        var bindHost = config.Text("actorbot.http.bind-host", "127.0.0.1");
        var port = httpPortOverride ?? config.Int("actorbot.http.port", 9898);
        // Off loopback the probe needs a bearer token, or `run` refuses to start (exit 2).
        var probeToken = ProbeAuth.TokenFor(bindHost ?? "127.0.0.1", environment);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        // Request-level framework logs drown the service's own; keep them to warnings.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (minimumLogLevel is { } least)
        {
            // This host's own configuration, added last so it wins over Logging__LogLevel__Default in the environment;
            // nothing process-wide changes.
            builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", least.ToString())]);
        }

        builder.WebHost.UseUrls($"http://{bindHost}:{port}");
        builder.Services.AddSingleton(configuration);
        builder.Services.AddSingleton(botSettings);
        // The plugin runs with auto-initialize off: its tables are created here, once, before any actor can
        // write (several nodes or restarts never race to create them). A bad setting fails `run` with exit 2.
        var persistence = PersistenceSettingsReader.FromConfig(config);
        // Read in every run (a bad key fails with exit 2 either way); on, it refuses SQLite, paper and no seed nodes.
        var cluster = ClusterSettings.FromConfig(config);
        cluster.CheckCanRun(mode, persistence.Provider);
        // Loaded before the host starts, so a missing profile or a refused model fails `run` with exit 2. The host
        // owns it (a singleton) and disposes the ONNX sessions when it stops.
        var strategy = StrategyRuntime.Load(config);
        if (strategy is not null)
        {
            builder.Services.AddSingleton(strategy);
        }

        // Orders in testnet/live: the signed client, execution and risk settings (a bad value fails here, exit 2).
        var trading = TradingRuntime.Create(config, mode, venues, environment, out var tradingWarning);
        if (trading is not null)
        {
            builder.Services.AddSingleton(trading);
        }

        // Each venue's keys, from this host's environment only (a test injects one; the process's by default).
        var venueKeys = venues.ToDictionary(v => v.Venue, v => VenueKeys.Read(config, v.Venue, environment), StringComparer.Ordinal);

        // Paper: the in-process execution behind /risk, on the venue's public trade prints (a bad value fails here, exit 2).
        var paper = PaperRuntime.Create(config, mode, venues);
        if (paper is not null)
        {
            builder.Services.AddSingleton(paper);
        }

        // Telegram HUD: token and chat id from the environment only; without a token it is off (one info line below).
        var hud = HudRuntime.Create(config, botSettings, strategy?.Profile.Geometry, environment, out var hudNote);
        if (hud is not null)
        {
            builder.Services.AddSingleton(hud);
        }

        // /user/telemetry: telemetry.jsonl (a bad key fails here, exit 2).
        var telemetry = TelemetrySettings.FromConfig(config);

        // The kill file and what engaging does (a bad key fails here, exit 2).
        var killSwitch = KillSwitchSettings.FromConfig(config);

        // /metrics: this service's own meter and registry (a second service in the process never mixes counts).
        var metrics = new ActorBotMetrics();
        builder.Services.AddSingleton(_ => metrics);
        builder.Services.AddSingleton<ProbeMetrics>();
        builder.Services.AddSingleton(sp => new MeterExporter(sp.GetRequiredService<ActorBotMetrics>(), sp.GetRequiredService<ProbeMetrics>().SampleAsync));

        // Native free pages back to the kernel after start-up and every minute (docs/benchmarks.md, RSS).
        builder.Services.AddHostedService(_ => new NativeHeapTrimmer(TimeProvider.System, NativeHeap.Trim));

        // Cluster mode: what this node runs, for the wiring below and /cluster (docs/cluster.md).
        var topology = cluster.Enabled ? ClusterTopology.For(cluster, botSettings, trading) : null;
        if (topology is not null)
        {
            builder.Services.AddSingleton(topology);
        }

        SchemaCreator.Create(persistence);
        builder.Services.AddSingleton(persistence);
        NodeInputs? nodeInputs = null;
        builder.Services.AddAkka(ClusterSettings.SystemName, (akka, _) =>
        {
            akka.AddHocon(config, HoconAddMode.Append);
            // The /user guardian counts the restarts of the top-level actors for /actors (Akka's default strategy otherwise).
            akka.AddHocon($"akka.actor.guardian-supervisor-strategy = \"{CountingGuardianStrategy.TypeName}\"", HoconAddMode.Prepend);
            // The serializer binds the cross-node messages too (ClusterMessages), so a cluster node never uses Akka's default.
            akka.WithActorBotPersistence(persistence, EnginePersistence.CreateSerializer());
            if (topology is not null)
            {
                ClusterNode.Configure(akka, topology.Settings);
            }

            // Akka's log events go through Microsoft.Extensions.Logging, so they share the host's format and filters.
            akka.ConfigureLoggers(loggers =>
            {
                // Akka.Hosting writes its own akka.loglevel; keep the operator's from the HOCON file.
                loggers.LogLevel = AkkaLogLevel.FromConfig(config);
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
            akka.WithActors((system, registry) =>
            {
                // Before any actor starts: they record into this service's instruments (ActorBotMetrics.For).
                ActorBotMetrics.Install(system, metrics);
                // First, so it records the bot's first SAFE_PAUSE; subscribed before it starts (PreStart is async).
                var telemetryActor = system.ActorOf(TelemetryActor.Props(telemetry), "telemetry");
                TelemetryActor.Subscribe(system, telemetryActor);
                registry.Register<TelemetryActor>(telemetryActor);
                if (hud is not null)
                {
                    registry.Register<HudActor>(hud.Start(system));
                }

                // Whose USD PnL a routed trade carries: the venue's, or the paper execution's modelled fills (/strategy, the summary).
                var routedPnl = paper is null ? PnlSources.Venue : PnlSources.Paper;
                var recorder = system.ActorOf(Props.Create(() => new StrategyRecorder(routedPnl)), "strategy");
                registry.Register<StrategyRecorder>(recorder);
                Func<string, SymbolPipelineSettings?>? pipelines = strategy is null ? null : _ => strategy.PipelineFor(recorder);
                if (topology is not null)
                {
                    // A cluster node: the symbols are sharded entities and risk and venues singletons (ClusterNode).
                    nodeInputs = new NodeInputs(botSettings, pipelines, venues, venueKeys, trading);
                    return;
                }

                // Testnet/live and paper: entries go bot → /risk → /user/venues/{venue}/execution (created below, after the bot).
                var risk = trading?.RiskWiring(system, botSettings) ?? paper?.RiskWiring(system, botSettings);

                var bot = system.ActorOf(Props.Create(() => new BotActor(botSettings, pipelines, risk)), "bot");
                registry.Register<BotActor>(bot);
                if (venues.Count > 0)
                {
                    var plans = venues.Select(v => new VenuePlan(v, trading?.ForVenue(system, v.Venue), paper?.ForVenue(v.Venue), venueKeys[v.Venue])).ToList();
                    var venuesActor = system.ActorOf(Props.Create(() => new VenuesActor(plans, bot)), "venues");
                    registry.Register<VenuesActor>(venuesActor);
                }
            });
            if (topology is not null)
            {
                // After the node-local actors above (in order): the region, singletons, facade and guard.
                akka.WithActors(new ActorStarter((system, registry) => ClusterNode.StartAsync(system, registry, topology, nodeInputs!)));
            }
        });

        builder.Services.AddSingleton(killSwitch);
        builder.Services.AddSingleton<KillSwitch>();
        builder.Services.AddSingleton(new ServiceEnvironment(environment));
        builder.Services.AddHostedService<KillSwitchWatcher>();
        var app = builder.Build();
        if (tradingWarning is not null)
        {
            app.Logger.LogWarning("{Warning}", tradingWarning);
        }

        app.Logger.LogInformation("{Hud}", hudNote);
        app.Logger.LogInformation("telemetry: {Path} (docs/telemetry.md)", telemetry.Path);
        if (probeToken is not null)
        {
            ProbeAuth.Require(app, probeToken);
        }

        ProbeEndpoints.Map(app);
        ClusterEndpoints.Map(app);
        ActorEndpoints.Map(app);
        KillEndpoints.Map(app, environment);
        // The moonstream liquidation/order-book API at the root paths, served from the live engines (docs/api.md).
        var registry = app.Services.GetRequiredService<ActorRegistry>();
        Moonstream.MoonstreamApi.Map(app, new Moonstream.MoonstreamBackend(
            () => registry.TryGet<BotActor>(out var bot) ? bot : null,
            botSettings.Symbols,
            botSettings.Liquidations?.BucketSteps ?? new Dictionary<string, decimal>(),
            TimeProvider.System));
        return app;
    }
}
