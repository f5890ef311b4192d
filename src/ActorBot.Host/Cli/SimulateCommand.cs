using System.CommandLine;
using ActorBot.Venues.Simulator;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot simulate --data F [--data F…] --port N --speed x|max [--follow] [--alias RECORDED=ALIAS…] [--rebase-timestamps]</c>: runs the
/// local Binance USDⓈ-M compatible venue on 127.0.0.1, replaying the given recordings, until Ctrl+C.
/// </summary>
public static class SimulateCommand
{
    public static Command Build()
    {
        var command = new Command("simulate", "Run the local Binance USDⓈ-M venue simulator on 127.0.0.1, replaying recordings.");
        var data = new Option<string[]>("--data") { Description = "Recordings to replay, in order (hftbacktest/cryptofeed raw files, aggTrades CSV/zip).", AllowMultipleArgumentsPerToken = true }.ExistingFile();
        var port = CliValues.Port("--port", "Port on 127.0.0.1 (0 = any free port).", 0);
        var speed = new Option<string>("--speed") { Description = "Replay speed: a multiple of real time (e.g. 1, 10) or 'max'.", DefaultValueFactory = _ => "1" };
        speed.Validators.Add(result =>
        {
            if (!TryParseSpeed(result.GetValueOrDefault<string>() ?? "1", out _))
            {
                result.AddError($"--speed must be a positive number or 'max', got '{result.GetValueOrDefault<string>()}'.");
            }
        });
        var follow = new Option<bool>("--follow") { Description = "Start the data again when it ends (later in time and ids), until stopped." };
        var alias = new Option<string[]>("--alias") { Description = "RECORDED=ALIAS: also serve a recording's trades under another symbol name, at the same time (repeatable).", AllowMultipleArgumentsPerToken = true };
        command.Options.Add(data);
        command.Options.Add(port);
        command.Options.Add(speed);
        command.Options.Add(follow);
        var rebase = new Option<bool>("--rebase-timestamps") { Description = "Serve the recorded trades at today's time (whole minutes moved), as run's embedded simulator does, so a service's staleness checks see live data." };
        command.Options.Add(alias);
        command.Options.Add(rebase);
        command.SetAction(parse => Run(parse.GetValue(data) ?? [], parse.GetValue(port), parse.GetValue(speed) ?? "1", parse.GetValue(follow), parse.GetValue(alias) ?? [], parse.GetValue(rebase)));
        return command;
    }

    /// <summary>'max' (as fast as possible: null) or a positive multiple of real time (the same rule as run --speed).</summary>
    private static bool TryParseSpeed(string text, out double? speed) => Service.EmbeddedSimulatorSettings.TryParseSpeed(text, out speed);

    private static int Run(string[] files, int port, string speedText, bool follow, string[] aliasArguments, bool rebase)
    {
        IReadOnlyDictionary<string, IReadOnlyList<string>> aliases;
        try
        {
            aliases = Service.SymbolAliases.FromArguments(aliasArguments, "--alias");
        }
        catch (Akka.Configuration.ConfigurationException ex)
        {
            Console.Error.WriteLine($"simulate: {ex.Message}");
            return 2;
        }

        if (!TryParseSpeed(speedText, out var speed))
        {
            Console.Error.WriteLine($"simulate: --speed must be a positive number or 'max', got '{speedText}'.");
            return 2;
        }

        if (port is < 0 or > 65535)
        {
            Console.Error.WriteLine($"simulate: --port must be 0..65535, got {port}.");
            return 2;
        }

        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"simulate: cannot read data file '{file}'.");
                return 2;
            }
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        // SIGTERM (service managers, `timeout`) stops it the same way as Ctrl+C.
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM,
            context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });

        try
        {
            return RunAsync(new SimulatorOptions { DataFiles = files, Port = port, Speed = speed, Loop = follow, SymbolAliases = aliases, RebaseTimestamps = rebase }, stop.Token).GetAwaiter().GetResult();
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"simulate: cannot listen on 127.0.0.1:{port}: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(SimulatorOptions options, CancellationToken stop)
    {
        await using var host = await SimulatorHost.StartAsync(options, stop).ConfigureAwait(false);
        Console.WriteLine($"simulator REST {host.RestUri}  WS {host.WsUri}  (test credentials: see SimulatorOptions); Ctrl+C to stop");
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }

        Console.WriteLine($"simulator stopped: {host.Replayer.FramesReplayed} frames replayed, {host.RequestCount} REST requests.");
        return 0;
    }
}
