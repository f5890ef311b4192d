using System.IO.Compression;
using System.Text.Json;
using ActorBot.Venues.Simulator.Replay;

namespace ActorBot.Venues.Tests.Simulator;

/// <summary>
/// The bundled real liquidation tape moved onto a replayed day (data/moonstream, see data/SOURCES.md): real timing kept
/// from the first minute, each liquidation's distance from its recorded market kept, COIN-M quantities in contracts;
/// and the documented synthetic open interest rule.
/// </summary>
public sealed class LiquidationTapeReplayTests
{
    private const long DayStart = 1_778_198_400_000; // 2026-05-08 00:00 UTC, the bundled aggTrades day

    [Fact(DisplayName = "The tape is shifted onto the first trade's minute and keeps each liquidation's offset from its recorded minute price")]
    public void ShiftsTimeAndKeepsDistanceFromTheMarket()
    {
        var tape = LiquidationTapeReplay.Load(new LiquidationTapeSource("BTCUSDT", Data("liq_tape_BTC_24h.jsonl.gz"), null, Data("liq_cycles_BTC_24h.jsonl.gz")), out var skipped);
        skipped.Should().Be(0);
        tape.Count.Should().Be(6655);
        var first = Lines("liq_tape_BTC_24h.jsonl.gz").First();
        var reference = Lines("liq_cycles_BTC_24h.jsonl.gz").ToDictionary(l => (l.GetProperty("minute_key").GetInt64() - 1) * 60_000, l => l.GetProperty("src_price").GetDecimal());
        var firstMs = (long)Math.Round(first.GetProperty("ts").GetDouble() * 1000);

        // A trade in the first minute releases nothing before the tape's first event's offset into its minute.
        tape.Due(DayStart + 100, 80_000m).Should().BeEmpty();
        var at = DayStart + (firstMs % 60_000);
        var released = tape.Due(at, 80_000m).Should().ContainSingle().Subject;
        released.TimeMs.Should().Be(at);
        released.Side.Should().Be(first.GetProperty("side").GetString() == "long" ? "SELL" : "BUY");
        var market = reference[firstMs - (firstMs % 60_000)];
        released.Price.Should().Be(Math.Round(first.GetProperty("price").GetDecimal() * 80_000m / market, 1));
        released.Quantity.Should().Be(first.GetProperty("qty").GetDecimal());
        tape.Published.Should().Be(1);

        // A day later everything has been released once, in time order.
        var rest = tape.Due(DayStart + (25 * 3_600_000L), 81_000m);
        rest.Should().HaveCount(6654).And.BeInAscendingOrder(r => r.TimeMs);
        tape.Due(DayStart + (26 * 3_600_000L), 81_000m).Should().BeEmpty("the tape plays once");
    }

    [Fact(DisplayName = "A COIN-M tape publishes contracts of the face value (at least 1)")]
    public void InverseQuantitiesAreContracts()
    {
        var tape = LiquidationTapeReplay.Load(new LiquidationTapeSource("BTCUSD_PERP", Data("liq_tape_BTC_24h.jsonl.gz"), 100m), out _);
        var first = Lines("liq_tape_BTC_24h.jsonl.gz").First();
        tape.Due(DayStart, 80_000m).Should().BeEmpty("the first event is 51 s into its minute");
        var release = tape.Due(DayStart + 59_999, 80_000m).Should().ContainSingle().Subject;
        var expected = Math.Max(1m, Math.Round(first.GetProperty("qty").GetDecimal() * release.Price / 100m, 0));
        release.Quantity.Should().Be(expected);
    }

    [Fact(DisplayName = "Synthetic open interest: +0.30 q on taker buys, -0.25 q on taker sells, -q per liquidation, floored at 10 % of the start")]
    public void SyntheticOpenInterestRule()
    {
        var oi = new SyntheticOpenInterest();
        oi.OnTrade("X", 100m, buyerIsMaker: false).Should().Be(50_030m);
        oi.OnTrade("X", 100m, buyerIsMaker: true).Should().Be(50_005m);
        oi.OnLiquidation("X", 5m).Should().Be(50_000m);
        oi.OnLiquidation("X", 1_000_000m).Should().Be(5_000m);
        oi.OnTrade("Y", 10m, buyerIsMaker: false).Should().Be(50_003m, "each symbol has its own");
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

    private static IEnumerable<JsonElement> Lines(string file)
    {
        using var gz = new GZipStream(File.OpenRead(Data(file)), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        while (reader.ReadLine() is { } line)
        {
            yield return JsonDocument.Parse(line).RootElement.Clone();
        }
    }
}
