using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Inference;

namespace ActorBot.Domain.Tests.Liquidations;

/// <summary>
/// Drives a BTC entry inference with the recorded minutes: src, OI change and buy share from the debug log's
/// <c>minute_inference</c>, high and low from <c>liq_cycles</c>. The recorded OI is a delta only, so the absolute OI
/// starts at an assumed 150 000 BTC (only the 0.005 % threshold depends on it).
/// </summary>
internal static class RecordedReplay
{
    public const double StartOi = 150_000;

    private static readonly Lazy<(Dictionary<long, (double High, double Low)> Ranges, List<(long Key, double Src, double OiDeltaUsd, double Buy)> Minutes)> Recorded = new(Load);

    private static readonly Lazy<(EntryInference Engine, double LastSrc, int Minutes)> SharedBtc = new(() => Btc());

    /// <summary>One replay shared by the tests that only read it (the engine is not changed by snapshots).</summary>
    public static (EntryInference Engine, double LastSrc, int Minutes) SharedBtcRun => SharedBtc.Value;

    public static (EntryInference Engine, double LastSrc, int Minutes) Btc(LeverageLadder? ladder = null)
    {
        var (ranges, recorded) = Recorded.Value;
        var engine = new EntryInference("BTCUSDT", new BucketGrid(20m), ladder ?? LeverageLadders.ForBase("BTC"));
        var oi = StartOi;
        var lastSrc = 0.0;
        var minutes = 0;
        foreach (var (key, src, oiDeltaUsd, buy) in recorded)
        {
            if (!ranges.TryGetValue(key, out var range) || src <= 0)
            {
                continue;
            }

            oi += oiDeltaUsd / src;
            var oc = ((4 * src) - range.High - range.Low) / 2;

            // The old key names the next minute (SPEC §13 #18); the completed minute is the one before it.
            engine.OnMinute(new MinuteClosed("BTCUSDT", (key - 1) * 60_000, oc, range.High, range.Low, oc, buy, 1 - buy, 1, oi));
            lastSrc = src;
            minutes++;
        }

        return (engine, lastSrc, minutes);
    }

    private static (Dictionary<long, (double High, double Low)>, List<(long, double, double, double)>) Load()
    {
        var ranges = RecordedMoonstream.Records("liq_cycles_BTC.jsonl.gz", "cycle_summary")
            .ToDictionary(c => c.GetProperty("minute_key").GetInt64(), c => (c.GetProperty("high").GetDouble(), c.GetProperty("low").GetDouble()));
        var minutes = RecordedMoonstream.Records("liq_debug_BTC.jsonl.gz", "minute_inference")
            .Select(m => (m.GetProperty("minute_key").GetInt64(), m.GetProperty("src_price").GetDouble(), m.GetProperty("oi_delta_usd").GetDouble(), m.GetProperty("buy_pct").GetDouble()))
            .ToList();
        return (ranges, minutes);
    }
}
