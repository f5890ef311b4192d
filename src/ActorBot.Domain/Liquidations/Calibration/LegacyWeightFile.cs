using System.Text.Json;

namespace ActorBot.Domain.Liquidations.Calibration;

/// <summary>Why an old weight file could not be imported at all.</summary>
public enum LegacyWeightFileError
{
    /// <summary>Not JSON, or no <c>symbol</c>, or <c>ladder</c> and <c>weights</c> missing, of different lengths or empty.</summary>
    Malformed,

    /// <summary>The file is another symbol's (the old loader ignored such a file too).</summary>
    SymbolMismatch,

    /// <summary>No weight of the file is positive, so there is nothing to map.</summary>
    NoWeight,
}

/// <summary>
/// The result of importing an old <c>liq_calibrator_weights_{SYM}.json</c>: a snapshot to
/// <see cref="LiquidationCalibrator.Restore"/>, the file's own ladder and weights, and one note per value dropped,
/// clamped or mapped, so nothing is ignored silently.
/// </summary>
public sealed record LegacyWeightImport(
    CalibratorSnapshot? Snapshot,
    LegacyWeightFileError? Error,
    string? ErrorDetail,
    IReadOnlyList<int> FileTiers,
    IReadOnlyList<double> FileWeights,
    IReadOnlyList<string> Notes);

/// <summary>
/// One-time importer of the old schema-v2 weight file (SPEC §6.8). The file's ladder is the old fixed
/// [10,20,25,50,75,100,125] for every symbol; its weights are mapped onto the symbol's own ladder in 1/L space by
/// <see cref="TierWeights.Migrate"/> (the migration the old loader never reached): the file's disabled 10x, stored as 0,
/// is not a point; a tier below the file's lowest enabled one (5x, 10x) takes that tier's weight (20x), one above its
/// highest (150–250x for BTC) the 125x weight, one in between is interpolated; then the symbol's disabled tiers are
/// zeroed and the rest renormalised. Buffer, tolerance and biases are kept (clamped to the calibrator's bounds; the old
/// load-time override of the tolerance to 4 compensated for a tolerance that could not grow, §13 #5, and is not
/// repeated); <c>calibration_count</c> is kept; the deprecated USD offsets are dropped with a note; the file has no
/// enabled flag (the old engine never persisted one, §13 #24), so calibration starts enabled.
/// </summary>
public static class LegacyWeightFile
{
    public static LegacyWeightImport Import(string json, string symbol, LeverageLadder ladder, CalibratorOptions? options = null)
    {
        var o = options ?? new CalibratorOptions();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Fail(LegacyWeightFileError.Malformed, $"Not JSON: {e.Message}", [], []);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("symbol", out var sym) || sym.ValueKind != JsonValueKind.String)
            {
                return Fail(LegacyWeightFileError.Malformed, "Expected an object with a string 'symbol'.", [], []);
            }

            if (!string.Equals(sym.GetString(), symbol, StringComparison.Ordinal))
            {
                return Fail(LegacyWeightFileError.SymbolMismatch, $"The file is for '{sym.GetString()}', not '{symbol}'.", [], []);
            }

            if (!TryInts(root, "ladder", out var tiers) || !TryDoubles(root, "weights", out var weights) || tiers.Length == 0 || tiers.Length != weights.Length)
            {
                return Fail(LegacyWeightFileError.Malformed, "'ladder' and 'weights' must be number arrays of the same non-zero length.", [], []);
            }

            var notes = new List<string>();
            var mapped = tiers.SequenceEqual(ladder.Tiers) ? TierWeights.EnforceDisabled(weights, ladder) : TierWeights.Migrate(tiers, weights, ladder);
            if (mapped is null || !(weights.Where(double.IsFinite).Sum() > 0))
            {
                return Fail(LegacyWeightFileError.NoWeight, "No weight in the file is positive.", tiers, weights);
            }

            if (!tiers.SequenceEqual(ladder.Tiers))
            {
                notes.Add($"ladder [{string.Join(",", tiers)}] mapped onto [{string.Join(",", ladder.Tiers)}] in 1/L space");
            }

            var buffer = Number(root, "buffer", o.InitialBuffer, o.BufferMin, o.BufferMax, notes);
            var tolerance = (int)Number(root, "tolerance", o.InitialTolerance, o.ToleranceMin, o.ToleranceMax, notes);
            var biasLong = Number(root, "bias_pct_long", 0, -o.BiasCap, o.BiasCap, notes);
            var biasShort = Number(root, "bias_pct_short", 0, -o.BiasCap, o.BiasCap, notes);
            var count = (long)Number(root, "calibration_count", 0, 0, long.MaxValue, notes);
            foreach (var offset in (string[])["long_offset_usd", "short_offset_usd"])
            {
                if (root.TryGetProperty(offset, out var v) && v.ValueKind == JsonValueKind.Number && v.GetDouble() != 0)
                {
                    notes.Add($"{offset} {v.GetDouble()} dropped (deprecated USD offset, no longer used)");
                }
            }

            var snapshot = new CalibratorSnapshot(
                CalibratorSnapshot.CurrentVersion, symbol, [.. ladder.Tiers], mapped, [.. ladder.Disabled.Order()], buffer, tolerance,
                biasLong, biasShort, true, null, count, null, CalibratorCounters.Zero, CalibratorSafetyCounters.Zero);
            return new LegacyWeightImport(snapshot, null, null, tiers, weights, notes);
        }
    }

    private static LegacyWeightImport Fail(LegacyWeightFileError error, string detail, int[] tiers, double[] weights)
        => new(null, error, detail, tiers, weights, []);

    private static double Number(JsonElement root, string name, double fallback, double min, double max, List<string> notes)
    {
        if (!root.TryGetProperty(name, out var v))
        {
            notes.Add($"{name} missing, {fallback} used");
            return fallback;
        }

        if (v.ValueKind != JsonValueKind.Number || !double.IsFinite(v.GetDouble()))
        {
            notes.Add($"{name} is not a number, {fallback} used");
            return fallback;
        }

        var x = v.GetDouble();
        if (x < min || x > max)
        {
            notes.Add($"{name} {x} clamped to [{min}, {max}]");
            return Math.Clamp(x, min, max);
        }

        return x;
    }

    private static bool TryInts(JsonElement root, string name, out int[] values)
    {
        values = [];
        if (!root.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<int>();
        foreach (var x in a.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.Number || !x.TryGetInt32(out var n) || n <= 0)
            {
                return false;
            }

            list.Add(n);
        }

        values = [.. list];
        return true;
    }

    private static bool TryDoubles(JsonElement root, string name, out double[] values)
    {
        values = [];
        if (!root.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<double>();
        foreach (var x in a.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.Number || !double.IsFinite(x.GetDouble()) || x.GetDouble() < 0)
            {
                return false;
            }

            list.Add(x.GetDouble());
        }

        values = [.. list];
        return true;
    }
}
