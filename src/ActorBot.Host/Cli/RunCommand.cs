using System.CommandLine;
using ActorBot.Domain.Modes;
using ActorBot.Hocon;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Venues;
using ActorBot.Host.Service;
using Akka.Configuration;

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
        var modeOption = new Option<string?>("--trade-mode") { Description = "shadow (default) | paper | testnet | live" };
        modeOption.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (!TradeModeParser.TryParse(text, out _))
            {
                result.AddError($"--trade-mode: {UnknownMode(text)}");
            }
        });
        var liveOption = new Option<bool>("--enable-live-execution") { Description = "One of the gates live trading requires." };
        var portOption = CliValues.Port("--http-port", "Probe port (overrides actorbot.http.port; 0 = any free port).");
        var durationOption = CliValues.Duration("--duration", "Stop after this long, e.g. 30s (default: run until stopped).");

        var command = new Command("run", "Run the service on its embedded defaults (shadow mode: decisions, no orders).");
        command.Options.Add(configOption);
        command.Options.Add(modeOption);
        command.Options.Add(liveOption);
        command.Options.Add(portOption);
        command.Options.Add(durationOption);
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(configOption),
            parse.GetValue(modeOption),
            parse.GetValue(liveOption),
            parse.GetValue(portOption),
            parse.GetValue(durationOption),
            ct));
        return command;
    }

    private static string UnknownMode(string? text) => $"unknown trade mode \"{text}\"; use shadow, paper, testnet or live.";

    private static async Task<int> RunAsync(string? configPath, string? modeText, bool enableLive, int? port, TimeSpan? duration, CancellationToken ct)
    {
        ServiceConfiguration configuration;
        try
        {
            configuration = ServiceConfiguration.Load(configPath);
        }
        catch (HoconException ex)
        {
            await Console.Error.WriteLineAsync($"actorbot run: configuration error: {CliExit.OneLine(ex.Message)}").ConfigureAwait(false);
            return 2;
        }

        var configuredMode = configuration.Config.GetString("actorbot.trade-mode", "shadow");
        if (!TradeModeParser.TryParse(modeText ?? configuredMode, out var mode))
        {
            // Only the configured value can get here: --trade-mode is checked at parse time.
            await Console.Error.WriteLineAsync($"actorbot run: actorbot.trade-mode: {UnknownMode(configuredMode)}").ConfigureAwait(false);
            return 2;
        }

        // DRY_RUN can only lower the mode, so the URLs checked are those of the mode actually run.
        var runMode = DryRun.IsOn(Environment.GetEnvironmentVariable(DryRun.Variable)) ? DryRun.Force(mode) : mode;
        var urls = VenueSettings.ConfiguredUrls(configuration.Config, BotSettings.DefaultVenue, runMode);
        var gate = LiveArmingGate.Evaluate(LiveGateInputs.FromEnvironment(mode, enableLive, Environment.GetEnvironmentVariable, urls));
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
            app = ServiceHost.Build(configuration, gate.Mode, port);
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"actorbot run: configuration error: {CliExit.OneLine(ex.Message)}").ConfigureAwait(false);
            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            await Console.Out.WriteLineAsync($"actorbot: {gate.Explain()}; config from {configuration.Source}").ConfigureAwait(false);

            // Start, then say where the probe listens: with --http-port 0 the port is only known once bound.
            // --duration counts from there, so a slow start cannot use it up before the service serves.
            await app.StartAsync(ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"actorbot: probe on {string.Join(", ", app.Urls)}").ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (duration is { } d)
            {
                stop.CancelAfter(d);
            }

            await app.WaitForShutdownAsync(stop.Token).ConfigureAwait(false);
        }

        return 0;
    }
}
