namespace ActorBot.Domain.OrderBook.Frames;

/// <summary>
/// The u8 scaling of a frame (SPEC §9.2): percentiles over the non-zero buckets of both sides pooled, then
/// <c>u8 = trunc(clip((v − p50) / (p95 − p50) · 255, 0, 255))</c>, all zero when p95 ≤ p50.
/// </summary>
public static class ObFrameScaling
{
    public static ObNormStats Pooled(ReadOnlySpan<double> bids, ReadOnlySpan<double> asks)
    {
        var sample = NonZeroSorted(bids, asks);
        return sample.Length == 0
            ? ObNormStats.Empty
            : new ObNormStats(
                LinearPercentile.Of(sample, 50),
                LinearPercentile.Of(sample, 90),
                LinearPercentile.Of(sample, 95),
                LinearPercentile.Of(sample, 99),
                sample[^1]);
    }

    public static ObSideStats Side(ReadOnlySpan<double> values)
    {
        var sample = NonZeroSorted(values, []);
        return sample.Length == 0
            ? ObSideStats.Empty
            : new ObSideStats(LinearPercentile.Of(sample, 50), LinearPercentile.Of(sample, 95), sample[^1]);
    }

    public static byte[] ToU8(ReadOnlySpan<double> values, double p50, double p95)
    {
        var result = new byte[values.Length];
        if (!(p95 > p50))
        {
            return result;
        }

        // Divide, then multiply, in the old order: the truncation to u8 keeps the same bytes at the edges.
        var range = p95 - p50;
        for (var i = 0; i < values.Length; i++)
        {
            var scaled = (values[i] - p50) / range * 255.0;
            result[i] = scaled <= 0 ? (byte)0 : scaled >= 255 ? (byte)255 : (byte)scaled;
        }

        return result;
    }

    private static double[] NonZeroSorted(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var sample = new List<double>(first.Length + second.Length);
        foreach (var v in first)
        {
            if (v != 0)
            {
                sample.Add(v);
            }
        }

        foreach (var v in second)
        {
            if (v != 0)
            {
                sample.Add(v);
            }
        }

        var array = sample.ToArray();
        Array.Sort(array);
        return array;
    }
}
