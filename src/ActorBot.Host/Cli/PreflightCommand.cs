using System.CommandLine;
using System.Globalization;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Configuration;
using ActorBot.Engine.Venues;
using ActorBot.Hocon;
using ActorBot.Host.Service;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using Akka.Configuration;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot preflight [--config F] [--trade-mode M]</c>: what <c>run</c> would need, checked without running it —
/// the configuration loads and every setting parses, the mode's gates, the venue keys are present (never printed), the
/// state directory is writable, the venue answers, the clock offset to it, and each symbol's exchangeInfo filters.
/// One line per check; exit 0 when all pass, 1 when one fails, 2 for a bad command line. With the embedded simulator
/// on (the default) the checks run against a simulator started for the purpose.
/// </summary>
public static class PreflightCommand
{
    /// <summary>Above this the venue would refuse signed requests soon (Binance's recvWindow is 5 s by default).</summary>
    private static readonly TimeSpan MaxClockOffset = TimeSpan.FromSeconds(1);

    public static Command Build()
    {
        var configOption = new Option<string?>("--config") { Description = "HOCON file laid over the embedded defaults, as for run." }.ExistingFile();
        var modeOption = new Option<string?>("--trade-mode") { Description = "auto | shadow | paper | testnet | live (default: the configured one)." };
        var command = new Command("preflight", "Check what run needs (config, gates, keys, state dir, venue, clock, filters) without running it.");
        command.Options.Add(configOption);
        command.Options.Add(modeOption);
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(configOption), parse.GetValue(modeOption), Console.Out, Environment.GetEnvironmentVariable, ct));
        return command;
    }

    public static async Task<int> RunAsync(string? configPath, string? modeText, TextWriter output, Func<string, string?> processEnvironment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var failed = 0;
        async Task Line(string check, bool ok, string detail)
        {
            failed += ok ? 0 : 1;
            await output.WriteLineAsync($"preflight {check}: {(ok ? "PASS" : "FAIL")} ({detail})").ConfigureAwait(false);
        }

        ServiceConfiguration configuration;
        EmbeddedSimulatorSettings? simulator;
        try
        {
            configuration = ServiceConfiguration.Load(configPath);
            simulator = EmbeddedSimulatorSettings.FromConfig(configuration.Config, null, false);
        }
        catch (Exception ex) when (ex is HoconException or ConfigurationException)
        {
            await Line("config", false, CliExit.OneLine(ex.Message)).ConfigureAwait(false);
            return 1;
        }

        await Line("config", true, configuration.Source).ConfigureAwait(false);
        var requested = modeText ?? configuration.Config.GetString("actorbot.trade-mode", "auto");
        if (string.Equals(requested, "auto", StringComparison.OrdinalIgnoreCase))
        {
            requested = simulator is null ? "shadow" : "testnet";
        }

        if (!TradeModeParser.TryParse(requested, out var mode))
        {
            await output.WriteLineAsync($"actorbot preflight: unknown trade mode \"{requested}\"; use auto, shadow, paper, testnet or live.").ConfigureAwait(false);
            return 2;
        }

        EmbeddedVenues? sim = null;
        try
        {
            var symbols = configuration.Config.TextList("actorbot.symbols").ToList();
            if (simulator is not null)
            {
                // One simulator per enabled venue, as run starts them; a configuration whose venues do not assign the
                // symbols (reported by the settings line below) gets the one default venue's, so nothing real is reached.
                BotSettings assigned;
                try
                {
                    assigned = BotSettings.FromConfig(configuration.Config, mode);
                }
                catch (ConfigurationException)
                {
                    assigned = new BotSettings(mode, BotSettings.DefaultVenue, symbols, TimeSpan.FromSeconds(10), TimeSpan.Zero);
                }

                sim = await EmbeddedVenues.StartAsync(simulator, assigned, ct).ConfigureAwait(false);
                configuration = configuration.WithOverlay(sim.Overlay(), "embedded venue simulator");
            }

            var environment = sim?.Environment(configuration.Config, processEnvironment) ?? processEnvironment;
            var config = configuration.Config;
            // Every enabled venue is checked (keys, reachability, clock, its own symbols' filters); one venue prints as before.
            IReadOnlyList<(string Venue, IReadOnlyList<string> Symbols)> venues = [(BotSettings.DefaultVenue, symbols)];
            try
            {
                var bot = BotSettings.FromConfig(config, mode);
                venues = bot.Venues.Select(v => (v, bot.SymbolsOn(v))).ToList();
                _ = TradingRuntime.StreamingVenues(config, mode, bot);
                _ = TradingRuntime.Create(config, mode, TradingRuntime.StreamingVenues(config, TradeMode.Testnet, bot), environment, out _);
                await Line("settings", true, $"mode {mode.ToConfigString()}, symbols {string.Join(", ", bot.Symbols)}").ConfigureAwait(false);
            }
            catch (ConfigurationException ex)
            {
                await Line("settings", false, CliExit.OneLine(ex.Message)).ConfigureAwait(false);
            }

            var urls = VenueSettings.ConfiguredUrls(config, BotSettings.DefaultVenue, mode);
            var gate = LiveArmingGate.Evaluate(LiveGateInputs.FromEnvironment(mode, false, environment, urls));
            await Line("gates", gate.Allowed, gate.Explain()).ConfigureAwait(false);

            var needKeys = mode is TradeMode.Testnet or TradeMode.Live;
            var keysOf = new Dictionary<string, BinanceCredentials?>(StringComparer.Ordinal);
            foreach (var (venue, _) in venues)
            {
                var keys = keysOf[venue] = VenueKeys.Read(config, venue, environment);
                await Line(venues.Count == 1 ? "venue keys" : $"venue keys {venue}", keys is not null || !needKeys,
                    keys is not null ? (sim is null ? "present in the environment (not shown)" : "the embedded simulator's throw-away pair")
                    : needKeys ? $"{VenueKeys.Describe(config, venue)} not set: no orders can be sent" : $"not needed in {mode.ToConfigString()}").ConfigureAwait(false);
            }

            await Line("state dir", StateDirWritable(config, out var stateDetail), stateDetail).ConfigureAwait(false);
            foreach (var (venue, venueSymbols) in venues)
            {
                await VenueChecksAsync(config, mode, venue, venueSymbols, keysOf[venue], Line, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            if (sim is not null)
            {
                await sim.DisposeAsync().ConfigureAwait(false);
            }
        }

        await output.WriteLineAsync(failed == 0 ? "preflight: all checks pass" : $"preflight: {failed} check(s) failed").ConfigureAwait(false);
        return failed == 0 ? 0 : 1;
    }

    private static bool StateDirWritable(Config config, out string detail)
    {
        var dir = Path.GetFullPath(config.Text("actorbot.state-dir", "state") ?? "state");
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, $".preflight-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            detail = dir;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            detail = $"{dir}: {ex.Message}";
            return false;
        }
    }

    /// <summary>Reachability and clock offset (server time), then each symbol's exchangeInfo filters.</summary>
    private static async Task VenueChecksAsync(Config config, TradeMode mode, string venue, IReadOnlyList<string> symbols, BinanceCredentials? keys, Func<string, bool, string, Task> line, CancellationToken ct)
    {
        var urls = VenueSettings.ConfiguredUrls(config, venue, mode);
        if (urls.Count == 0 || !Uri.TryCreate(urls[0], UriKind.Absolute, out var restUri))
        {
            await line("venue", false, $"no REST URL configured for {mode.ToConfigString()}").ConfigureAwait(false);
            return;
        }

        using var http = new HttpClient();
        var rest = new BinanceRestClient(http, new BinanceRestOptions { BaseAddress = restUri, RequestTimeout = TimeSpan.FromSeconds(10) }, keys, new DecodeErrorCounter());
        var time = await rest.SyncTimeAsync(ct).ConfigureAwait(false);
        if (!time.IsSuccess)
        {
            await line("venue", false, $"{restUri} did not answer GET /fapi/v1/time ({time.Failure}{(time.Error is { } e ? $" {e.Code} {e.Message}" : string.Empty)})").ConfigureAwait(false);
            return;
        }

        await line("venue", true, $"{restUri} answers").ConfigureAwait(false);
        var offset = TimeSpan.FromMilliseconds(rest.Clock.OffsetMs);
        await line("clock offset", offset.Duration() <= MaxClockOffset, string.Create(CultureInfo.InvariantCulture, $"{offset.TotalMilliseconds:+0;-0;0} ms to the venue (limit ±{MaxClockOffset.TotalMilliseconds:0} ms)")).ConfigureAwait(false);

        var info = await rest.GetExchangeInfoAsync(ct).ConfigureAwait(false);
        if (!info.IsSuccess)
        {
            await line("exchangeInfo", false, $"GET /fapi/v1/exchangeInfo failed ({info.Failure})").ConfigureAwait(false);
            return;
        }

        foreach (var symbol in symbols)
        {
            var rules = info.Value!.Symbols.FirstOrDefault(s => s.Symbol == symbol);
            if (rules is null)
            {
                await line($"filters {symbol}", false, "unknown symbol on this venue (not in exchangeInfo)").ConfigureAwait(false);
                continue;
            }

            await line($"filters {symbol}", rules.Status == "TRADING",
                string.Create(CultureInfo.InvariantCulture, $"status {rules.Status}, tick {rules.TickSize}, step {rules.StepSize}, min qty {rules.MinQuantity}, min notional {rules.MinNotional?.ToString(CultureInfo.InvariantCulture) ?? "none"}")).ConfigureAwait(false);
        }
    }
}
