using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Simulator.Engine;
using ActorBot.Venues.Simulator.Replay;

namespace ActorBot.Venues.Tests.Simulator;

/// <summary>
/// The bundled real per-minute open-interest changes (data/moonstream/oi_deltas_BTC_24h.jsonl.gz, data/SOURCES.md)
/// served by the simulator: an assumed start level plus the recorded changes, minute by minute, with the recording's
/// minutes moved onto the replayed trades exactly as the liquidation tape's are, in contracts for a COIN-M symbol.
/// </summary>
public sealed class RecordedOpenInterestTests
{
    private const long DayStart = 1_778_198_400_000; // 2026-05-08 00:00 UTC, a replayed day
    private const decimal Start = RecordedOpenInterest.DefaultStartBase;

    [Fact(DisplayName = "Recorded OI: the start plus the recorded changes up to and including each replayed minute, anchored on the first trade's minute")]
    public void LevelsFollowTheRecordedDeltas()
    {
        var oi = RecordedOpenInterest.Load(new RecordedOpenInterestSource("BTCUSDT", Data("oi_deltas_BTC_24h.jsonl.gz")), out var skipped);
        skipped.Should().Be(0);
        oi.Count.Should().Be(1418);
        var deltas = Deltas().ToList();
        deltas[0].Should().Be(-7.1974m, "the first recorded minute (2026-02-28 01:35 UTC) as pinned in the file");
        deltas[1].Should().Be(-54.2554m);

        // The first trade lands 10 s into its minute; that minute already carries the first recorded change.
        oi.At(DayStart + 10_000, 80_000m).Should().Be(Start - 7.1974m);
        var level = Start;
        for (var minute = 0; minute < 5; minute++)
        {
            level += deltas[minute];
            oi.At(DayStart + (minute * 60_000L) + 59_000, 80_000m).Should().Be(level, $"minute {minute} ends at the start plus the first {minute + 1} recorded changes");
        }

        oi.LastBase.Should().Be((double)level);
        oi.At(DayStart + (48 * 3_600_000L), 80_000m).Should().Be(Start + deltas.Sum(), "after the recording the level stays");
    }

    [Fact(DisplayName = "Recorded OI with no tape is anchored on its own first minute; the tape's first minute moves it like the tape; it never reaches 0")]
    public void AnchorAndFloor()
    {
        var tape = LiquidationTapeReplay.Load(new LiquidationTapeSource("BTCUSDT", Data("liq_tape_BTC_24h.jsonl.gz")), out _);
        var oi = RecordedOpenInterest.Load(new RecordedOpenInterestSource("BTCUSDT", Data("oi_deltas_BTC_24h.jsonl.gz")), out _);
        oi.AnchorMinuteMs.Should().Be(tape.FirstMinuteMs, "the excerpt was cut on the tape's minutes: its first data minute is the tape's first");
        oi.BaseAt(oi.AnchorMinuteMs - 60_000).Should().Be(Start, "before the first recorded minute nothing has changed");

        // A start far below the recorded fall (about 5,700 BTC at its lowest) is held at 1 % of the start, not 0.
        var small = RecordedOpenInterest.Load(new RecordedOpenInterestSource("BTCUSDT", Data("oi_deltas_BTC_24h.jsonl.gz"), StartBase: 100m), out _);
        small.At(DayStart, 80_000m).Should().Be(100m - 7.1974m);
        small.At(DayStart + (25 * 3_600_000L), 80_000m).Should().Be(1m);
        small.FlooredMinutes.Should().Be(1);
        var bad = () => RecordedOpenInterest.Load(new RecordedOpenInterestSource("BTCUSDT", Data("oi_deltas_BTC_24h.jsonl.gz"), StartBase: 0m), out _);
        bad.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*must be positive*");
    }

    [Fact(DisplayName = "GET /fapi/v1/openInterest follows the recorded deltas minute by minute, in contracts for COIN-M BTCUSD_PERP")]
    public async Task ServedOverRestMinuteByMinute()
    {
        var deltas = Deltas().Take(4).ToList();
        var dir = Directory.CreateTempSubdirectory("actorbot-oi-").FullName;
        try
        {
            var level = Start;
            for (var minutes = 1; minutes <= deltas.Count; minutes++)
            {
                // Replayed trades through minute (minutes − 1) at 80,000 USD: the venue serves the level at that minute's end.
                var csv = Path.Combine(dir, $"m{minutes}", "BTCUSD_PERP-aggTrades-2026-05-08.csv");
                Directory.CreateDirectory(Path.GetDirectoryName(csv)!);
                await File.WriteAllLinesAsync(csv, Enumerable.Range(0, minutes).Select(m =>
                    string.Create(CultureInfo.InvariantCulture, $"{m + 1},80000.0,5,{m + 1},{m + 1},{DayStart + (m * 60_000L) + 5_000},false")));
                await using var host = await Sim.StartAsync(new SimulatorOptions
                {
                    DataFiles = [csv],
                    Speed = null,
                    Symbols = [SymbolSpec.Default("BTCUSD_PERP")],
                    LiquidationTapes = [new LiquidationTapeSource("BTCUSD_PERP", Data("liq_tape_BTC_24h.jsonl.gz"), 100m)],
                    RecordedOpenInterest = [new RecordedOpenInterestSource("BTCUSD_PERP", Data("oi_deltas_BTC_24h.jsonl.gz"), Start, 100m)],
                    SyntheticOpenInterest = true,
                });
                await host.ReplayCompletion;
                var (client, http) = Sim.Client(host);
                using var ownedHttp = http;
                level += deltas[minutes - 1];
                var served = (await client.GetOpenInterestAsync("BTCUSD_PERP")).Value!.Quantity;
                served.Should().Be(Math.Round(level * 80_000m / 100m, 0), $"after minute {minutes - 1}: {level} BTC at 80,000 USD in 100-USD contracts (synthetic OI does not apply to a recorded symbol)");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static IEnumerable<decimal> Deltas()
    {
        using var gz = new GZipStream(File.OpenRead(Data("oi_deltas_BTC_24h.jsonl.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        while (reader.ReadLine() is { } line)
        {
            using var doc = JsonDocument.Parse(line);
            yield return doc.RootElement.GetProperty("oi_delta_base").GetDecimal();
        }
    }

    private static string Data(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorBot.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("ActorBot.sln not found"), "data", "moonstream", file);
    }
}
