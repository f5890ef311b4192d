namespace ActorBot.Domain.Models;

/// <summary>
/// The input contract of the Snap Harvester meta-model (SPEC §7.1): each feature is rounded to
/// float32 (round-to-nearest-even), NaN becomes 0, and the result is widened back to double.
/// The research cast its frame to float32 before fit and predict, so split thresholds sit between
/// float32 values; skipping the rounding could send a value to the other side of a split.
/// </summary>
public static class ModelInputEncoding
{
    /// <summary>Encodes one raw feature value.</summary>
    public static double Encode(double raw)
    {
        var rounded = (float)raw;
        return float.IsNaN(rounded) ? 0.0 : rounded;
    }

    /// <summary>Encodes <paramref name="raw"/> into <paramref name="encoded"/> (same length).</summary>
    public static void Encode(ReadOnlySpan<double> raw, Span<double> encoded)
    {
        if (raw.Length != encoded.Length)
        {
            throw new ArgumentException(
                $"Feature vector has {raw.Length} values but the destination holds {encoded.Length}.",
                nameof(encoded));
        }

        for (var i = 0; i < raw.Length; i++)
        {
            encoded[i] = Encode(raw[i]);
        }
    }
}
