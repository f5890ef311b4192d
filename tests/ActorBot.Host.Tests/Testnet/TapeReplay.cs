using ActorBot.Venues.Simulator;
using ActorBot.Venues.Simulator.Engine;
using ActorBot.Venues.Simulator.Replay;

namespace ActorBot.Host.Tests.Testnet;

/// <summary>
/// The simulator the liquidation service tests share: the bundled BTCUSD_PERP day at 2000× (re-based to now, started by
/// the test), with the real BTC liquidation tape moved onto it, and the recorded or the synthetic open interest.
/// </summary>
internal static class TapeReplay
{
    public const string Symbol = "BTCUSD_PERP";

    private static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    /// <param name="withData">false: the same venue with nothing to replay (a quiet venue after a restart).</param>
    /// <param name="recordedOpenInterest">the recorded per-minute OI changes; false: the synthetic OI only.</param>
    public static SimulatorOptions Options(bool withData = true, bool recordedOpenInterest = false) => new()
    {
        Port = 0,
        Symbols = [SymbolSpec.Default(Symbol)],
        DataFiles = withData ? [Data("binance", "BTCUSD_PERP-aggTrades-2026-05-08.zip")] : [],
        LiquidationTapes = withData
            ? [new LiquidationTapeSource(Symbol, Data("moonstream", "liq_tape_BTC_24h.jsonl.gz"), 100m, Data("moonstream", "liq_cycles_BTC_24h.jsonl.gz"))]
            : [],
        RecordedOpenInterest = withData && recordedOpenInterest
            ? [new RecordedOpenInterestSource(Symbol, Data("moonstream", "oi_deltas_BTC_24h.jsonl.gz"), RecordedOpenInterest.DefaultStartBase, 100m)]
            : [],
        // A recorded symbol gets no synthetic OI anyway (the simulator's rule); without data there is nothing to drive it.
        SyntheticOpenInterest = withData && !recordedOpenInterest,
        Speed = 2000,
        RebaseTimestamps = true,
        AutoStartReplay = false,
    };
}
