using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;
using Xunit.Abstractions;

namespace ActorBot.Domain.Tests.Liquidations.Calibration;

/// <summary>
/// The recorded BTC calibrator log of 2026-02-24 (10.6 h, SPEC §14) replayed in its own order: <c>minute_inputs</c> as
/// minute snapshots (their predicted maps are not in the log, so empty) and <c>event</c> records as liquidations with
/// their recorded mark. What reproduces: the implied levels, up to the removed <c>src·0.01/L</c> term (§13 #6), and
/// the two-input rule (every event follows a snapshot). What is new: attribution spread over the ladder instead of
/// 100 % 125x (§13 #3). Hit rates and zone penalties cannot be reproduced without the predicted maps.
/// </summary>
public sealed class RecordedCalibratorLogTests(ITestOutputHelper output)
{
    /// <summary>The log's naive timestamps are the recorder's local time, UTC−5 (minute_key 29532529 = 16:49 UTC at 11:49).</summary>
    private static long UtcMs(string local)
        => new DateTimeOffset(DateTime.Parse(local, CultureInfo.InvariantCulture), TimeSpan.FromHours(-5)).ToUnixTimeMilliseconds();

    /// <summary>The log is Python's json.dumps, which writes Infinity and NaN (e.g. <c>miss_distance_buckets</c>); read as null.</summary>
    private static IEnumerable<JsonElement> PythonJsonLines(string gzFile)
    {
        using var stream = new GZipStream(System.IO.File.OpenRead(RecordedMoonstream.PathOf(gzFile)), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                var json = line.Replace(": -Infinity", ": null", StringComparison.Ordinal)
                    .Replace(": Infinity", ": null", StringComparison.Ordinal)
                    .Replace(": NaN", ": null", StringComparison.Ordinal);
                using var doc = JsonDocument.Parse(json);
                yield return doc.RootElement.Clone();
            }
        }
    }

    [Fact]
    public void Recorded_events_replay_with_the_shared_implied_levels_and_a_spread_attribution()
    {
        var calibrator = CalibratorScenario.Btc();
        var recordedTiers = new Dictionary<int, int>();
        var ours = new Dictionary<int, int>();
        var levelsChecked = 0;
        var empty = new Dictionary<long, double>();
        foreach (var line in PythonJsonLines("liq_calibrator_BTC.jsonl.gz"))
        {
            switch (line.GetProperty("type").GetString())
            {
                case "minute_inputs":
                    var src = line.GetProperty("src").GetDouble();
                    calibrator.OnMinuteSnapshot(new CalibratorMinute(
                        line.GetProperty("minute_key").GetInt64() * 60_000, src, line.GetProperty("high").GetDouble(),
                        line.GetProperty("low").GetDouble(), line.GetProperty("close").GetDouble(),
                        line.GetProperty("buy_vol").GetDouble() * src, line.GetProperty("sell_vol").GetDouble() * src, null, null, empty, empty));
                    break;
                case "event":
                    var side = line.GetProperty("side").GetString() == "long" ? LiquidationSide.Long : LiquidationSide.Short;
                    var mark = line.GetProperty("event_src_price").GetDouble();
                    // The log rounds the buffer to 5 dp (0.00192); the engine's was 0.002 × 0.98^k (0.0019208).
                    var logged = line.GetProperty("current_buffer").GetDouble();
                    var buffer = 0.002 * Math.Pow(0.98, Math.Round(Math.Log(logged / 0.002) / Math.Log(0.98)));
                    foreach (var level in line.GetProperty("implied_levels_raw").EnumerateObject())
                    {
                        var tier = int.Parse(level.Name, CultureInfo.InvariantCulture);
                        var shared = ImpliedLiquidation.Price(side, mark, tier, buffer);
                        var oldTerm = mark * 0.01 / tier * (side == LiquidationSide.Long ? 1 : -1);
                        (shared - oldTerm).Should().BeApproximately(level.Value.GetDouble(), 0.011, $"{tier}x at {line.GetProperty("timestamp")}");
                        levelsChecked++;
                    }

                    var recorded = line.GetProperty("attributed_leverage").GetInt32();
                    recordedTiers[recorded] = recordedTiers.GetValueOrDefault(recorded) + 1;
                    var e = new LiquidationEvent(
                        "binance", "BTC", side, line.GetProperty("event_price").GetDecimal(), line.GetProperty("event_qty").GetDecimal(),
                        UtcMs(line.GetProperty("timestamp").GetString()!));
                    var outcome = calibrator.OnLiquidation(e, mark);
                    outcome.Kind.Should().Be(EventOutcomeKind.Attributed);
                    ours[outcome.AttributedTier!.Value] = ours.GetValueOrDefault(outcome.AttributedTier!.Value) + 1;
                    break;
            }
        }

        var stats = calibrator.Stats;
        output.WriteLine($"attributed tiers: {string.Join(", ", ours.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}x {kv.Value}"))}");
        output.WriteLine($"weights: {string.Join(", ", stats.Weights.Select(kv => $"{kv.Key}x {kv.Value:F4}"))}; buffer {stats.Buffer}; tolerance {stats.Tolerance}; bias {stats.BiasLong:F5}/{stats.BiasShort:F5}");
        stats.Attributed.Should().Be(1318);
        stats.DroppedNoSnapshot.Should().Be(0);
        levelsChecked.Should().Be(1318 * 7);
        recordedTiers.Should().Equal(new Dictionary<int, int> { [125] = 1318 }, "the old attribution was degenerate");
        ours.Count.Should().BeGreaterThanOrEqualTo(5);
        ours.Values.Max().Should().BeLessThan((int)(0.6 * 1318));
        stats.CalibrationCount.Should().Be(637 / 15);
        stats.CalibrationEnabled.Should().BeTrue("the old run tripped at cycle 3");
    }
}
