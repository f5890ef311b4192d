using System.Globalization;
using System.Security.Cryptography;
using ActorBot.Engine.Configuration;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Simulator.Engine;
using ActorBot.Venues.Simulator.Replay;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>How <c>actorbot.simulator</c> asks run to start the embedded venue (null settings: it is off).</summary>
public sealed record EmbeddedSimulatorSettings(IReadOnlyList<string> DataFiles, double? Speed, bool Follow, decimal InitialBalance)
{
    /// <summary>Recorded symbol → alias names served with the same trades (<c>actorbot.simulator.aliases</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Aliases { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Recorded liquidation tapes replayed as their symbol's forceOrder stream (<c>actorbot.simulator.liquidation-tapes</c>).</summary>
    public IReadOnlyList<LiquidationTapeSource> LiquidationTapes { get; init; } = [];

    /// <summary>Recorded book windows replayed as their symbol's depth stream, prices re-based (<c>actorbot.simulator.depth-windows</c>).</summary>
    public IReadOnlyList<DepthWindowSource> DepthWindows { get; init; } = [];

    /// <summary>Recorded open-interest changes served as their symbol's OI (<c>actorbot.simulator.recorded-open-interest</c>).</summary>
    public IReadOnlyList<RecordedOpenInterestSource> RecordedOpenInterest { get; init; } = [];

    /// <summary>Serve the simulator's synthetic open interest (<c>actorbot.simulator.synthetic-open-interest</c>).</summary>
    public bool SyntheticOpenInterest { get; init; }

    private const string Section = "actorbot.simulator";

    /// <summary>Null when <c>actorbot.simulator.enabled</c> is off. A bad value or a missing data file names its key.</summary>
    public static EmbeddedSimulatorSettings? FromConfig(Config config, string? speedOverride, bool followOverride)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Flag($"{Section}.enabled", false))
        {
            return null;
        }

        var files = new List<string>();
        foreach (var file in config.TextList($"{Section}.data"))
        {
            files.Add(BundledPath.Resolve(file)
                ?? throw new ConfigurationException($"{Section}.data: cannot find \"{file}\" (in the working directory or next to the actorbot binary)"));
        }

        if (files.Count == 0)
        {
            throw new ConfigurationException($"{Section}.data must list one or more recordings to replay");
        }

        var speedText = speedOverride ?? config.Text($"{Section}.speed", "max") ?? "max";
        if (!TryParseSpeed(speedText, out var speed))
        {
            throw new ConfigurationException($"{(speedOverride is null ? Section + ".speed" : "--speed")} must be 'max' or a positive multiple of real time, got \"{speedText}\"");
        }

        var balance = config.Decimal($"{Section}.initial-balance-usd", 10_000m);
        if (balance <= 0)
        {
            throw new ConfigurationException($"{Section}.initial-balance-usd must be positive, got {balance.ToString(CultureInfo.InvariantCulture)}");
        }

        return new EmbeddedSimulatorSettings(files, speed, followOverride || config.Flag($"{Section}.follow", false), balance)
        {
            Aliases = SymbolAliases.FromConfig(config, $"{Section}.aliases"),
            LiquidationTapes = ReadTapes(config),
            DepthWindows = ReadDepthWindows(config),
            RecordedOpenInterest = ReadRecordedOpenInterest(config),
            SyntheticOpenInterest = config.Flag($"{Section}.synthetic-open-interest", false),
        };
    }

    // SYMBOL = "file": a COIN-M symbol (contracts inverse-100usd on the default venue) publishes q in contracts.
    private static List<LiquidationTapeSource> ReadTapes(Config config)
    {
        var key = $"{Section}.liquidation-tapes";
        var tapes = new List<LiquidationTapeSource>();
        if (!config.HasPath(key))
        {
            return tapes;
        }

        foreach (var (symbol, _) in config.GetConfig(key)?.AsEnumerable() ?? [])
        {
            var file = config.Text($"{key}.{symbol}", null) ?? string.Empty;
            var path = BundledPath.Resolve(file)
                ?? throw new ConfigurationException($"{key}.{symbol}: cannot find \"{file}\" (in the working directory or next to the actorbot binary)");
            var contract = config.HasPath($"actorbot.venues.{Engine.Bot.BotSettings.DefaultVenue}.contracts.{symbol}")
                ? config.Text($"actorbot.venues.{Engine.Bot.BotSettings.DefaultVenue}.contracts.{symbol}", null)
                : null;
            // The recorded market prices of the tape's minutes (optional): each liquidation keeps its distance from its market.
            var pricesKey = $"{Section}.liquidation-tape-prices.{symbol}";
            var prices = config.HasPath(pricesKey) ? config.Text(pricesKey, null) : null;
            var pricesPath = prices is null ? null : BundledPath.Resolve(prices)
                ?? throw new ConfigurationException($"{pricesKey}: cannot find \"{prices}\" (in the working directory or next to the actorbot binary)");
            tapes.Add(new LiquidationTapeSource(symbol, path, contract == "inverse-100usd" ? 100m : null, pricesPath));
        }

        return tapes;
    }

    // SYMBOL = "file": recorded per-minute OI changes; the start level (base units) from recorded-open-interest-start.
    private static List<RecordedOpenInterestSource> ReadRecordedOpenInterest(Config config)
    {
        var key = $"{Section}.recorded-open-interest";
        var sources = new List<RecordedOpenInterestSource>();
        if (!config.HasPath(key))
        {
            return sources;
        }

        foreach (var (symbol, _) in config.GetConfig(key)?.AsEnumerable() ?? [])
        {
            var file = config.Text($"{key}.{symbol}", null) ?? string.Empty;
            var path = BundledPath.Resolve(file)
                ?? throw new ConfigurationException($"{key}.{symbol}: cannot find \"{file}\" (in the working directory or next to the actorbot binary)");
            var startKey = $"{Section}.recorded-open-interest-start.{symbol}";
            var start = config.HasPath(startKey) ? config.Decimal(startKey, Venues.Simulator.Replay.RecordedOpenInterest.DefaultStartBase) : Venues.Simulator.Replay.RecordedOpenInterest.DefaultStartBase;
            if (start <= 0)
            {
                throw new ConfigurationException($"{startKey} must be a positive open interest in base units, got {start.ToString(CultureInfo.InvariantCulture)}");
            }

            var contract = config.HasPath($"actorbot.venues.{Engine.Bot.BotSettings.DefaultVenue}.contracts.{symbol}")
                ? config.Text($"actorbot.venues.{Engine.Bot.BotSettings.DefaultVenue}.contracts.{symbol}", null)
                : null;
            sources.Add(new RecordedOpenInterestSource(symbol, path, start, contract == "inverse-100usd" ? 100m : null));
        }

        return sources;
    }

    // SYMBOL = "file": an hftbacktest raw recording with a depth snapshot, replayed as SYMBOL's book (re-based prices).
    private static List<DepthWindowSource> ReadDepthWindows(Config config)
    {
        var key = $"{Section}.depth-windows";
        var windows = new List<DepthWindowSource>();
        if (!config.HasPath(key))
        {
            return windows;
        }

        foreach (var (symbol, _) in config.GetConfig(key)?.AsEnumerable() ?? [])
        {
            var file = config.Text($"{key}.{symbol}", null) ?? string.Empty;
            var path = BundledPath.Resolve(file)
                ?? throw new ConfigurationException($"{key}.{symbol}: cannot find \"{file}\" (in the working directory or next to the actorbot binary)");
            windows.Add(new DepthWindowSource(symbol, path));
        }

        return windows;
    }

    /// <summary>'max' (null: as fast as the service takes the trades) or a positive, finite multiple of real time.</summary>
    public static bool TryParseSpeed(string text, out double? speed)
    {
        speed = null;
        if (text.Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x > 0 && double.IsFinite(x))
        {
            speed = x;
            return true;
        }

        return false;
    }
}

/// <summary>
/// The embedded default venue of <c>actorbot run</c>: the local Binance USDⓈ-M simulator in this process on a free
/// loopback port, replaying the bundled real data. Its API keys are random and made for this run, so no real key
/// ever reaches it and nothing it accepts is worth anything. The service reaches it exactly as it reaches Binance:
/// REST and routed WebSocket streams over real sockets.
/// </summary>
public sealed class EmbeddedSimulator : IAsyncDisposable
{
    private EmbeddedSimulator(SimulatorHost host, EmbeddedSimulatorSettings settings, string apiKey, string apiSecret)
    {
        Host = host;
        Settings = settings;
        ApiKey = apiKey;
        ApiSecret = apiSecret;
    }

    public SimulatorHost Host { get; }

    public EmbeddedSimulatorSettings Settings { get; }

    /// <summary>This run's throw-away key pair (printed nowhere).</summary>
    public string ApiKey { get; }

    public string ApiSecret { get; }

    public static async Task<EmbeddedSimulator> StartAsync(EmbeddedSimulatorSettings settings, IReadOnlyList<string> symbols, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var key = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var secret = RandomNumberGenerator.GetHexString(64, lowercase: true);
        var host = await SimulatorHost.StartAsync(
            new SimulatorOptions
            {
                Port = 0,
                DataFiles = settings.DataFiles,
                Speed = settings.Speed,
                ApiKey = key,
                ApiSecret = secret,
                InitialBalance = settings.InitialBalance,
                Symbols = symbols.Select(SymbolSpec.Default).ToList(),
                // The service checks data age against its own clock: the recorded day is served at today's time.
                RebaseTimestamps = true,
                // Replay starts once the service has subscribed, so it sees the day from its first trade.
                AutoStartReplay = false,
                Loop = settings.Follow,
                SymbolAliases = settings.Aliases,
                LiquidationTapes = settings.LiquidationTapes,
                DepthWindows = settings.DepthWindows,
                RecordedOpenInterest = settings.RecordedOpenInterest,
                SyntheticOpenInterest = settings.SyntheticOpenInterest,
            },
            ct).ConfigureAwait(false);
        return new EmbeddedSimulator(host, settings, key, secret);
    }

    /// <summary>
    /// The configuration layer that makes <paramref name="venue"/> this simulator in every mode: its market URLs
    /// (shadow, paper) and testnet URLs point here, and market data streams in every mode.
    /// </summary>
    public string VenueOverlay(string venue) => string.Create(CultureInfo.InvariantCulture, $$"""
        actorbot.venues.{{venue}} {
          rest-base-url = "{{Host.RestUri}}"
          ws-base-url = "{{Host.WsUri}}"
          testnet { rest-base-url = "{{Host.RestUri}}", ws-base-url = "{{Host.WsUri}}" }
          market-data = on
          open-interest-poll-interval = {{OpenInterestPoll.TotalMilliseconds}}ms
        }
        """);

    /// <summary>
    /// The embedded venue's open-interest poll: the replay runs many times faster than real time, so the live default
    /// (15 s) would sample the synthetic OI once per hours of data and the inference would see almost no deltas. 15 s
    /// of data at the replay speed, but not under 200 ms (5 weight-1 requests a second, well inside the budget).
    /// </summary>
    public TimeSpan OpenInterestPoll => TimeSpan.FromMilliseconds(Math.Max(200, 15_000 / (Settings.Speed ?? 1_000)));

    /// <summary>
    /// The service's environment with this run's throw-away keys in place of any venue keys, so a real key is never
    /// sent to the simulator (keys still only come from "the environment": this one).
    /// </summary>
    public Func<string, string?> Environment(Func<string, string?> process) => name => name switch
    {
        "BINANCE_API_KEY" => ApiKey,
        "BINANCE_API_SECRET" => ApiSecret,
        "ACTORBOT_BINANCE_USDM_API_KEY" or "ACTORBOT_BINANCE_USDM_API_SECRET" => null,
        _ => process(name),
    };

    /// <summary>Starts the replay once the service has subscribed to every symbol's aggTrade stream.</summary>
    public async Task StartReplayWhenSubscribedAsync(IReadOnlyList<string> symbols, TimeSpan timeout, CancellationToken ct)
    {
        var streams = symbols.Select(s => s.ToLowerInvariant() + "@aggTrade").ToList();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!streams.All(Host.Streams.AnySubscribed))
        {
            try
            {
                await tick.WaitForNextTickAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"the service did not subscribe to {string.Join(", ", streams)} on the embedded simulator within {timeout.TotalSeconds:0} s");
            }
        }

        Host.StartReplay();
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
