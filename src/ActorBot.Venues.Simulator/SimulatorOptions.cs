using ActorBot.Venues.Simulator.Engine;

namespace ActorBot.Venues.Simulator;

/// <summary>How to run the simulator. Port 0 picks a free port; it always binds 127.0.0.1 only.</summary>
public sealed record SimulatorOptions
{
    public int Port { get; init; }

    /// <summary>Recordings to replay (hftbacktest/cryptofeed raw files, aggTrades CSV/zip), in order.</summary>
    public IReadOnlyList<string> DataFiles { get; init; } = [];

    /// <summary>Replay speed multiple of real time; null = as fast as possible ("max").</summary>
    public double? Speed { get; init; } = 1.0;

    public string ApiKey { get; init; } = "sim-api-key";

    public string ApiSecret { get; init; } = "sim-api-secret";

    public decimal InitialBalance { get; init; } = 10_000m;

    public IReadOnlyList<SymbolSpec> Symbols { get; init; } = [SymbolSpec.Default("BTCUSDT"), SymbolSpec.Default("ETHUSDT")];

    public int WeightLimit { get; init; } = 2400;

    /// <summary>Weight window; 1 minute on Binance, shorter in tests.</summary>
    public TimeSpan WeightWindow { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan BanDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The venue pings every socket this often (Binance: 3 min) ...</summary>
    public TimeSpan WsPingInterval { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>... and drops a socket whose pong is later than this (Binance: 10 min).</summary>
    public TimeSpan WsPongTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan ListenKeyValidity { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>
    /// Shift replayed trade times (E, T of aggTrade frames and REST trade history) by a whole number of minutes so
    /// the first trade is "now": a testnet in a box serves current timestamps as a real testnet does, so a
    /// service's staleness checks see live data, and bars hold the same trades (minute boundaries are kept).
    /// Raw depth/markPrice frames of recordings keep their recorded times.
    /// </summary>
    public bool RebaseTimestamps { get; init; }

    /// <summary>Start replaying as soon as the host starts; false lets a test set up orders first and call <see cref="SimulatorHost.StartReplay"/>.</summary>
    public bool AutoStartReplay { get; init; } = true;

    /// <summary>Replay the data again when it ends, later in time and ids (see <see cref="Replay.MarketReplayer.Loop"/>).</summary>
    public bool Loop { get; init; }

    /// <summary>
    /// Recorded symbol → more names to serve its trades under, at the same time (every replayed trade of
    /// <c>BTCUSD_PERP</c> is also published as each alias's trade, same price, quantity, time and ids). Lets one bundled day
    /// drive several symbols, e.g. for a multi-symbol soak; the aliases are the same market, not other markets.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SymbolAliases { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Recorded liquidation tapes replayed as each symbol's <c>forceOrder</c> stream, moved onto the replayed trades'
    /// time and price level (see <see cref="Replay.LiquidationTapeReplay"/> and the README). Empty: no liquidations
    /// unless injected (<see cref="SimulatorHost.InjectForceOrder"/>).
    /// </summary>
    public IReadOnlyList<Replay.LiquidationTapeSource> LiquidationTapes { get; init; } = [];

    /// <summary>
    /// Recorded book windows replayed as a symbol's depth stream and REST book on its trades, prices re-based to them
    /// (<see cref="Replay.DepthWindowReplay"/>): for a replayed symbol whose own recording has no book.
    /// </summary>
    public IReadOnlyList<Replay.DepthWindowSource> DepthWindows { get; init; } = [];

    /// <summary>
    /// Serve the SYNTHETIC open interest of <see cref="Replay.SyntheticOpenInterest"/> (driven by the replayed trades and
    /// liquidations) on <c>/fapi/v1/openInterest</c>; false: only what <c>/admin/open-interest</c> sets.
    /// </summary>
    public bool SyntheticOpenInterest { get; init; }

    /// <summary>
    /// Recorded per-minute open-interest changes served as a symbol's <c>/fapi/v1/openInterest</c> (<see cref="Replay.RecordedOpenInterest"/>:
    /// an assumed start level plus the real changes, minutes moved as that symbol's liquidation tape is). A symbol listed
    /// here takes no synthetic open interest; the others keep <see cref="SyntheticOpenInterest"/>.
    /// </summary>
    public IReadOnlyList<Replay.RecordedOpenInterestSource> RecordedOpenInterest { get; init; } = [];

    /// <summary>Publish a <c>{symbol}@markPrice@1s</c> frame (mark = the last replayed trade price) once per second of replayed time, to subscribers.</summary>
    public bool MarkPriceFromTrades { get; init; } = true;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
