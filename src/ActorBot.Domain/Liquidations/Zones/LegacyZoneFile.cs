using System.Globalization;
using System.Text.Json;

namespace ActorBot.Domain.Liquidations.Zones;

/// <summary>Why an old zone file could not be imported at all.</summary>
public enum LegacyZoneFileError
{
    /// <summary>Not JSON, or not an object with <c>symbol</c>, <c>saved_at</c> and a <c>zones</c> array.</summary>
    Malformed,

    /// <summary>The file is another symbol's (the old loader ignored such a file too).</summary>
    SymbolMismatch,
}

/// <summary>
/// The result of importing an old <c>liq_active_zones_{SYM}.json</c>: a snapshot to <see cref="ZoneBook.Load"/> (which
/// applies the cap and the catch-up decay), the file's own counts, and one line per zone or tier entry that was
/// dropped or adjusted (off-grid price bucketed, duplicate key, bad side, bad number), so nothing is ignored silently.
/// </summary>
public sealed record LegacyZoneImport(
    ZoneSnapshot? Snapshot,
    LegacyZoneFileError? Error,
    string? ErrorDetail,
    int ZonesInFile,
    int? ZoneCountField,
    IReadOnlyList<string> Problems);

/// <summary>
/// Reads the old zone persistence file (SPEC §8.5): <c>{symbol, saved_at, zone_count, zones:[{price, side, weight,
/// created_at, last_reinforced_at, reinforcement_count, source, tier_contributions{"L": v}}]}</c>, times in float epoch
/// seconds. Faithful: weights and tier sums are kept at full precision and uncapped (the cap is the loader's job),
/// times become epoch ms truncated as the old API's <c>int(t·1000)</c>, a missing source becomes unknown, missing
/// times default to <c>saved_at</c> and a missing count to 0 (the old loader's defaults used "now"). Prices are
/// bucketed to the grid as the old keys were. The old file has no counters and no last minute: both start empty.
/// </summary>
public static class LegacyZoneFile
{
    public static LegacyZoneImport Import(string json, string symbol, BucketGrid grid)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Fail(LegacyZoneFileError.Malformed, $"Not JSON: {e.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("symbol", out var sym) || sym.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("saved_at", out var saved) || !TryNumber(saved, out var savedAt)
                || !root.TryGetProperty("zones", out var zones) || zones.ValueKind != JsonValueKind.Array)
            {
                return Fail(LegacyZoneFileError.Malformed, "Expected an object with string 'symbol', number 'saved_at' and array 'zones'.");
            }

            if (!string.Equals(sym.GetString(), symbol, StringComparison.Ordinal))
            {
                return Fail(LegacyZoneFileError.SymbolMismatch, $"The file is for '{sym.GetString()}', not '{symbol}'.");
            }

            int? countField = root.TryGetProperty("zone_count", out var zc) && zc.TryGetInt32(out var n) ? n : null;
            var savedAtMs = ToMs(savedAt);
            var problems = new List<string>();
            var records = new List<ZoneRecord>();
            var index = new Dictionary<(LiquidationSide, long), int>();
            var i = -1;
            foreach (var z in zones.EnumerateArray())
            {
                i++;
                if (ReadZone(z, i, grid, savedAtMs, problems) is not { } record)
                {
                    continue;
                }

                // The old loader keyed a dict by (side, bucket): a later duplicate replaced the earlier one.
                if (index.TryGetValue((record.Side, record.Tick), out var at))
                {
                    problems.Add($"zone {i}: duplicate {record.Side} bucket {grid.PriceOf(record.Tick)}; replaces zone entry {at}");
                    records[at] = record;
                    continue;
                }

                index[(record.Side, record.Tick)] = records.Count;
                records.Add(record);
            }

            if (countField is { } c && c != zones.GetArrayLength())
            {
                problems.Add($"zone_count {c} differs from the {zones.GetArrayLength()} zones in the file");
            }

            var snapshot = new ZoneSnapshot(ZoneSnapshot.CurrentVersion, symbol, grid.Step, savedAtMs, null, ZoneCounters.Zero, records);
            return new LegacyZoneImport(snapshot, null, null, zones.GetArrayLength(), countField, problems);
        }
    }

    private static ZoneRecord? ReadZone(JsonElement z, int i, BucketGrid grid, long savedAtMs, List<string> problems)
    {
        if (z.ValueKind != JsonValueKind.Object
            || !z.TryGetProperty("price", out var p) || p.ValueKind != JsonValueKind.Number || !p.TryGetDecimal(out var price) || price <= 0)
        {
            problems.Add($"zone {i}: missing or bad price; dropped");
            return null;
        }

        LiquidationSide? side = z.TryGetProperty("side", out var s) ? s.GetString() switch
        {
            "long" => LiquidationSide.Long,
            "short" => LiquidationSide.Short,
            _ => null,
        } : null;
        if (side is null)
        {
            problems.Add($"zone {i}: side must be 'long' or 'short'; dropped");
            return null;
        }

        if (!z.TryGetProperty("weight", out var w) || !TryNumber(w, out var weight) || weight < 0)
        {
            problems.Add($"zone {i}: missing or bad weight; dropped");
            return null;
        }

        var tick = grid.TickOf(price);
        if (grid.PriceOf(tick) != price)
        {
            problems.Add($"zone {i}: price {price} is off the {grid.Step} grid; bucketed to {grid.PriceOf(tick)}");
        }

        var created = z.TryGetProperty("created_at", out var ca) && TryNumber(ca, out var cas) ? ToMs(cas) : savedAtMs;
        var reinforced = z.TryGetProperty("last_reinforced_at", out var ra) && TryNumber(ra, out var ras) ? ToMs(ras) : savedAtMs;
        var count = z.TryGetProperty("reinforcement_count", out var rc) && rc.TryGetInt32(out var rcn) && rcn >= 0 ? rcn : 0;
        var source = z.TryGetProperty("source", out var src) && src.ValueKind == JsonValueKind.String
            ? ZoneWire.ParseSource(src.GetString())
            : ZoneSource.Unknown;
        var tiers = new List<TierContribution>();
        if (z.TryGetProperty("tier_contributions", out var tc) && tc.ValueKind == JsonValueKind.Object)
        {
            foreach (var t in tc.EnumerateObject())
            {
                if (int.TryParse(t.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var tier) && tier > 0 && TryNumber(t.Value, out var v))
                {
                    tiers.Add(new TierContribution(tier, v));
                }
                else
                {
                    problems.Add($"zone {i}: tier contribution '{t.Name}' is not a positive integer tier with a number; dropped");
                }
            }
        }

        return new ZoneRecord(side.Value, tick, weight, created, reinforced, count, source, tiers);
    }

    private static bool TryNumber(JsonElement e, out double value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out value) && double.IsFinite(value);
    }

    /// <summary>Float epoch seconds to epoch ms, truncated as the old API's <c>int(t * 1000)</c>.</summary>
    private static long ToMs(double seconds) => (long)Math.Floor(seconds * 1000.0);

    private static LegacyZoneImport Fail(LegacyZoneFileError error, string detail) => new(null, error, detail, 0, null, []);
}
