using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Configuration;
using ActorBot.Engine.Venues;
using ActorBot.Hocon;
using ActorBot.Host.Service;
using ActorBot.Host.Service.Cluster;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot run</c>: the service's main job. Loads the embedded defaults (plus <c>--config</c>), checks
/// the trade-mode gates (live refuses to start unless every gate is satisfied), then runs the actor
/// system and the HTTP probe until Ctrl-C / SIGTERM or <c>--duration</c>.
/// </summary>
public static class RunCommand
{
    public static Command Build()
    {
        var configOption = new Option<string?>("--config") { Description = "HOCON file laid over the embedded defaults (hocon/actorbot.conf)." }.ExistingFile();
        var modeOption = new Option<string?>("--trade-mode") { Description = "auto (default: testnet on the embedded simulator, else shadow) | shadow | paper | testnet | live" };
        modeOption.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (!IsAuto(text) && !TradeModeParser.TryParse(text, out _))
            {
                result.AddError($"--trade-mode: {UnknownMode(text)}");
            }
        });
        var liveOption = new Option<bool>("--enable-live-execution") { Description = "One of the gates live trading requires." };
        var portOption = CliValues.Port("--http-port", "Probe port (overrides actorbot.http.port; 0 = any free port).");
        var durationOption = CliValues.Duration("--duration", "Stop after this long, e.g. 30s (default: until the embedded simulator's data ends, or until stopped).");
        var speedOption = new Option<string?>("--speed") { Description = "Embedded simulator replay speed: max or a multiple of real time (overrides actorbot.simulator.speed)." };
        speedOption.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (text is not null && !EmbeddedSimulatorSettings.TryParseSpeed(text, out _))
            {
                result.AddError($"--speed must be 'max' or a positive multiple of real time, got '{text}'.");
            }
        });
        var followOption = new Option<bool>("--follow") { Description = "Embedded simulator: start the data again when it ends, so the service can be watched (until stopped)." };
        var clusterOption = new Option<bool>("--cluster") { Description = "Run as a cluster node (actorbot.cluster.enabled = on): needs PostgreSQL, seed nodes and a shared venue (docs/cluster.md)." };
        var dashboardOption = new Option<bool>("--dashboard") { Description = "A live terminal view (4 per second): state, symbols, venue, strategy, risk, open positions. Logs below warning are muted." };

        var command = new Command("run", "Run the service. On its embedded defaults: testnet against the in-process venue simulator replaying the bundled day, ending with a summary.");
        command.Options.Add(configOption);
        command.Options.Add(modeOption);
        command.Options.Add(liveOption);
        command.Options.Add(portOption);
        command.Options.Add(durationOption);
        command.Options.Add(speedOption);
        command.Options.Add(followOption);
        command.Options.Add(dashboardOption);
        command.Options.Add(clusterOption);
        command.SetAction((parse, ct) => RunAsync(
            new RunRequest(
                parse.GetValue(configOption),
                parse.GetValue(modeOption),
                parse.GetValue(liveOption),
                parse.GetValue(portOption),
                parse.GetValue(durationOption),
                parse.GetValue(speedOption),
                parse.GetValue(followOption),
                parse.GetValue(dashboardOption),
                parse.GetValue(clusterOption)),
            ct));
        return command;
    }

    private static string UnknownMode(string? text) => $"unknown trade mode \"{text}\"; use auto, shadow, paper, testnet or live.";

    private static bool IsAuto(string? text) => string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase);

    private static async Task<int> RunAsync(RunRequest request, CancellationToken ct)
    {
        ServiceConfiguration configuration;
        RunSettings settings;
        ClusterSettings cluster;
        try
        {
            configuration = ServiceConfiguration.Load(request.ConfigPath);
            if (request.Cluster)
            {
                configuration = configuration.WithOverlay("actorbot.cluster.enabled = on", "--cluster");
            }

            settings = RunSettings.FromConfig(configuration.Config, request.Speed, request.Follow);
            cluster = ClusterSettings.FromConfig(configuration.Config);
        }
        catch (Exception ex) when (ex is HoconException or ConfigurationException)
        {
            await Console.Error.WriteLineAsync($"actorbot run: configuration error: {CliExit.OneLine(ex.Message)}").ConfigureAwait(false);
            return 2;
        }

        var simulator = settings.Simulator;
        var configuredMode = settings.ConfiguredMode;
        var modeText = request.Mode ?? configuredMode;
        // auto: testnet where nothing real can be traded (the embedded simulator), shadow against any other venue.
        if (IsAuto(modeText))
        {
            modeText = simulator is null ? "shadow" : "testnet";
        }

        if (!TradeModeParser.TryParse(modeText, out var mode))
        {
            // Only the configured value can get here: --trade-mode is checked at parse time.
            await Console.Error.WriteLineAsync($"actorbot run: actorbot.trade-mode: {UnknownMode(configuredMode)}").ConfigureAwait(false);
            return 2;
        }

        // DRY_RUN can only lower the mode (live runs as shadow), so it is applied before live is refused here.
        if (simulator is not null && mode == TradeMode.Live && !DryRun.IsOn(Environment.GetEnvironmentVariable(DryRun.Variable)))
        {
            await Console.Error.WriteLineAsync("actorbot run: live cannot run against the embedded venue simulator; set actorbot.simulator.enabled = off and the venue's URLs, or use testnet.").ConfigureAwait(false);
            return 2;
        }

        // The embedded simulator is a venue inside this process: nodes would each trade their own exchange.
        if (cluster.Enabled && simulator is not null)
        {
            await Console.Error.WriteLineAsync("actorbot run: cluster mode needs one venue all nodes share, and the embedded simulator runs inside each process; set actorbot.simulator.enabled = off (ACTORBOT_SIMULATOR_ENABLED=off) and point the venue at `actorbot simulate` (docs/cluster.md).").ConfigureAwait(false);
            return 2;
        }

        if (request.Follow && simulator is null)
        {
            await Console.Error.WriteLineAsync("actorbot run: --follow replays the embedded simulator's data, which is off (actorbot.simulator.enabled = off).").ConfigureAwait(false);
            return 2;
        }

        EmbeddedVenues? sim = null;
        if (simulator is not null)
        {
            // Every enabled venue gets its own simulator (own account and keys) for its own symbols; a bad venue/symbol
            // assignment stops here with exit 2, before anything starts.
            BotSettings bot;
            try
            {
                bot = BotSettings.FromConfig(configuration.Config, mode);
            }
            catch (ConfigurationException ex)
            {
                await Console.Error.WriteLineAsync($"actorbot run: configuration error: {CliExit.OneLine(ex.Message)}").ConfigureAwait(false);
                return 2;
            }

            sim = await EmbeddedVenues.StartAsync(simulator, bot, ct).ConfigureAwait(false);
            configuration = configuration.WithOverlay(sim.Overlay(), "embedded venue simulator");
            foreach (var (venue, _, one) in sim.Venues)
            {
                await Console.Out.WriteLineAsync($"actorbot: venue {venue} is the embedded simulator on {one.Host.RestUri} replaying {string.Join(", ", simulator.DataFiles.Select(Path.GetFileName))} at speed {(simulator.Speed is { } x ? x.ToString(CultureInfo.InvariantCulture) : "max")}{(simulator.Follow ? ", looping (--follow)" : string.Empty)}").ConfigureAwait(false);
            }
        }

        try
        {
            return await RunServiceAsync(request, configuration, mode, sim, settings, ct).ConfigureAwait(false);
        }
        finally
        {
            if (sim is not null)
            {
                await sim.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> RunServiceAsync(RunRequest request, ServiceConfiguration configuration, TradeMode mode, EmbeddedVenues? sim, RunSettings settings, CancellationToken ct)
    {
        var symbols = settings.Symbols;
        // DRY_RUN can only lower the mode, so the URLs checked are those of the mode actually run.
        var runMode = DryRun.IsOn(Environment.GetEnvironmentVariable(DryRun.Variable)) ? DryRun.Force(mode) : mode;
        var urls = VenueSettings.ConfiguredUrls(configuration.Config, BotSettings.DefaultVenue, runMode);
        var gate = LiveArmingGate.Evaluate(LiveGateInputs.FromEnvironment(mode, request.EnableLive, Environment.GetEnvironmentVariable, urls));
        foreach (var check in gate.Checks)
        {
            await Console.Out.WriteLineAsync("actorbot: " + check).ConfigureAwait(false);
        }

        if (!gate.Allowed)
        {
            await Console.Error.WriteLineAsync("actorbot run: " + gate.Explain()).ConfigureAwait(false);
            return 2;
        }

        WebApplication app;
        try
        {
            // --dashboard: the live view owns the terminal, so only warnings and errors are logged.
            var leastLogged = request.Dashboard ? LogLevel.Warning : (LogLevel?)null;
            app = ServiceHost.Build(configuration, gate.Mode, request.Port, sim?.Environment(configuration.Config, Environment.GetEnvironmentVariable), leastLogged);
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"actorbot run: configuration error: {CliExit.OneLine(ex.Message)}").ConfigureAwait(false);
            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            await Console.Out.WriteLineAsync($"actorbot: {gate.Explain()}; config from {configuration.Source}").ConfigureAwait(false);
            var stateDir = settings.StateDir;
            try
            {
                // Before the service starts: what runs, with which configuration (runbook startup artifacts).
                var startedAt = DateTimeOffset.UtcNow;
                var written = StartupArtifacts.Write(stateDir, configuration, hash => StartupArtifacts.Describe(
                    typeof(RunCommand).Assembly, startedAt, gate.Mode, BotSettings.DefaultVenue, symbols, sim is not null, hash));
                await Console.Out.WriteLineAsync($"actorbot: startup artifacts {string.Join(", ", written)}").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"actorbot run: cannot write the startup artifacts into {stateDir} (actorbot.state-dir): {CliExit.OneLine(ex.Message)}").ConfigureAwait(false);
                return 2;
            }

            // Start, then say where the probe listens: with --http-port 0 the port is only known once bound.
            // --duration counts from there, so a slow start cannot use it up before the service serves.
            var started = Stopwatch.StartNew();
            await app.StartAsync(ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"actorbot: probe on {string.Join(", ", app.Urls)}").ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (request.Duration is { } d)
            {
                stop.CancelAfter(d);
            }

            var system = app.Services.GetRequiredService<ActorSystem>();
            // The run ends on SIGTERM / Ctrl-C, --duration, the host stopping, or (embedded simulator) the data's end.
            // The host is stopped only after the summary is taken, so every actor is still there to answer.
            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, lifetime.ApplicationStopping);
            var stopped = Task.Delay(Timeout.Infinite, ending.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            using var dashboardStop = CancellationTokenSource.CreateLinkedTokenSource(ending.Token);
            // Every enabled venue, the primary first (one venue: the summary reads as it always did).
            var venues = app.Services.GetRequiredService<BotSettings>().Venues;
            var dashboard = request.Dashboard ? Dashboard.RunAsync(system, venues, dashboardStop.Token) : Task.CompletedTask;
            if (sim is not null)
            {
                try
                {
                    await sim.StartReplayWhenSubscribedAsync(TimeSpan.FromSeconds(60), ending.Token).ConfigureAwait(false);
                    var dataEnd = sim.Settings.Follow ? stopped : sim.DataEndAsync(system, ending.Token);
                    if (await Task.WhenAny(stopped, dataEnd).ConfigureAwait(false) == dataEnd && dataEnd.IsCompletedSuccessfully && !ending.IsCancellationRequested)
                    {
                        await Console.Out.WriteLineAsync($"actorbot: the embedded simulator's data ended ({sim.AggTradeFramesReplayed} aggTrade frames, {sim.FramesReplayed} frames in all); stopping").ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (ending.IsCancellationRequested)
                {
                    // Stopped before the replay began or ended: the summary says what was done.
                }
            }
            else
            {
                await stopped.ConfigureAwait(false);
            }

            await dashboardStop.CancelAsync().ConfigureAwait(false);
            await dashboard.ConfigureAwait(false);

            // The summary is asked of the actors before they stop.
            var summary = await RunSummary.CollectAsync(system, venues, started.Elapsed, CancellationToken.None).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(summary.ToText()).ConfigureAwait(false);
            foreach (var line in await LiquidationRunSummary.LinesAsync(system, symbols, CancellationToken.None).ConfigureAwait(false))
            {
                await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
            }

            Directory.CreateDirectory(stateDir);
            var summaryPath = Path.Combine(stateDir, "summary.json");
            await File.WriteAllTextAsync(summaryPath, summary.ToJson(), CancellationToken.None).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"actorbot: summary written to {summaryPath}").ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>What the command line asked for.</summary>
    private sealed record RunRequest(string? ConfigPath, string? Mode, bool EnableLive, int? Port, TimeSpan? Duration, string? Speed, bool Follow, bool Dashboard, bool Cluster);
}
