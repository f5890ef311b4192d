using System.Text.Json;
using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Heatmap;

namespace ActorBot.Domain.Tests.Liquidations;

/// <summary>
/// The V2 snapshot serialises to the shape of the recorded <c>liq_api_snapshot_v2_{SYM}.json</c> bodies (the exact
/// <c>/liq_heatmap_v2</c> bodies): every recorded field with the same JSON type (integers stay integers, floats stay
/// floats), the same nesting, the same grid length; the only extra fields are the documented additions.
/// </summary>
public sealed class HeatmapV2ShapeTests
{
    private static readonly string[] Additions =
    [
        "$.long_tape_usd", "$.short_tape_usd", "$.long_projected_usd", "$.short_projected_usd", "$.long_size_base", "$.short_size_base",
        "$.meta.cluster_rule", "$.meta.cluster_max_gap_buckets", "$.meta.cluster_valley_ratio",
    ];

    // Objects keyed by data (tiers), compared as string → number maps, not by their keys.
    private static readonly string[] Maps = ["$.stats.tape.offset_samples_by_lev", "$.stats.inference.leverage_weights"];

    [Theory]
    [InlineData("BTC", "BTCUSDT", "20")]
    [InlineData("ETH", "ETHUSDT", "1.0")]
    [InlineData("SOL", "SOLUSDT", "0.1")]
    public void The_snapshot_has_the_recorded_shape(string shortSymbol, string symbol, string step)
    {
        using var recorded = RecordedMoonstream.Json($"liq_api_snapshot_v2_{shortSymbol}.json");
        var root = recorded.RootElement;
        var src = root.GetProperty("src").GetDouble();
        var grid = new BucketGrid(decimal.Parse(step, System.Globalization.CultureInfo.InvariantCulture));

        // Enough projection and tape that both sides have pools.
        var engine = new Domain.Liquidations.Inference.EntryInference(symbol, grid, LeverageLadders.ForBase(shortSymbol));
        engine.OnMinute(new MinuteClosed(symbol, 60_000, src, src, src, src, 1, 1, 1, 1000));
        engine.OnMinute(new MinuteClosed(symbol, 120_000, src, src, src, src, 1, 1, 1, 1010));
        var tape = new SourceMaps(
            new Dictionary<long, double> { [grid.TickOf(src * 0.99)] = 40_000 },
            new Dictionary<long, double> { [grid.TickOf(src * 1.01)] = 30_000 });
        var tapeStats = new TapeWireStats
        {
            Symbol = shortSymbol,
            TotalEvents = 2,
            TotalLongNotional = 40_000,
            TotalShortNotional = 30_000,
            LongBuckets = 1,
            ShortBuckets = 1,
            EventsInWindow = 2,
            OffsetSamplesByLev = new Dictionary<string, int> { ["50"] = 2 },
        };
        var snapshot = new LiquidationHeatmapV2(shortSymbol, grid).Snapshot(
            new HeatmapV2Input(root.GetProperty("ts").GetDouble(), src, tape, engine, tapeStats, 2, ZoneManagerWireStats.Empty));

        var json = JsonSerializer.Serialize(snapshot, PythonJson.Options);
        using var ours = JsonDocument.Parse(json);
        var problems = new List<string>();
        Compare("$", root, ours.RootElement, problems);
        problems.Should().BeEmpty();

        snapshot.Prices.Should().HaveCount(root.GetProperty("prices").GetArrayLength());
        snapshot.PriceMin.Should().Be(root.GetProperty("price_min").GetDouble());
        snapshot.PriceMax.Should().Be(root.GetProperty("price_max").GetDouble());
        json.Should().Contain("\"step\":" + PythonJson.Format(root.GetProperty("step").GetDouble()));
    }

    [Theory]
    [InlineData(20.0, "20.0")]
    [InlineData(1e-06, "1e-06")]
    [InlineData(0.0019207999999999999, "0.0019207999999999999")]
    [InlineData(135734775.64, "135734775.64")]
    [InlineData(-3.5, "-3.5")]
    public void Doubles_are_written_as_python_wrote_them(double value, string expected) => PythonJson.Format(value).Should().Be(expected);

    private static void Compare(string path, JsonElement expected, JsonElement actual, List<string> problems)
    {
        var kind = KindOf(expected);
        if (KindOf(actual) != kind)
        {
            problems.Add($"{path}: recorded {kind}, ours {KindOf(actual)}");
            return;
        }

        if (expected.ValueKind == JsonValueKind.Object)
        {
            if (Maps.Contains(path))
            {
                foreach (var p in actual.EnumerateObject())
                {
                    if (!int.TryParse(p.Name, out _) || p.Value.ValueKind != JsonValueKind.Number)
                    {
                        problems.Add($"{path}.{p.Name}: not a tier → number entry");
                    }
                }

                return;
            }

            var ourNames = actual.EnumerateObject().Select(p => p.Name).ToList();
            var theirNames = expected.EnumerateObject().Select(p => p.Name).ToList();
            if (!ourNames.Take(theirNames.Count).SequenceEqual(theirNames))
            {
                problems.Add($"{path}: fields [{string.Join(",", ourNames)}] do not start with the recorded [{string.Join(",", theirNames)}]");
            }

            foreach (var extra in ourNames.Except(theirNames).Select(n => $"{path}.{n}").Where(n => !Additions.Contains(n)))
            {
                problems.Add($"{extra}: not recorded and not a documented addition");
            }

            foreach (var p in expected.EnumerateObject())
            {
                if (actual.TryGetProperty(p.Name, out var ourValue))
                {
                    Compare($"{path}.{p.Name}", p.Value, ourValue, problems);
                }
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array && expected.GetArrayLength() > 0)
        {
            if (actual.GetArrayLength() == 0)
            {
                problems.Add($"{path}: ours is empty, so its element shape is untested");
                return;
            }

            foreach (var element in actual.EnumerateArray())
            {
                Compare($"{path}[]", expected[0], element, problems);
            }
        }
    }

    /// <summary>The JSON type as a typed parser sees it: an integer literal and a float literal differ.</summary>
    private static string KindOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetRawText().Any(c => c is '.' or 'e' or 'E') ? "float" : "integer",
        JsonValueKind.True or JsonValueKind.False => "bool",
        var k => k.ToString(),
    };
}
