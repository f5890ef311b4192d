namespace ActorBot.Domain.ShockFlip.Rolling;

/// <summary>
/// Whole-sample statistics as pandas computes them (SPEC §4.9): numpy's pairwise summation in
/// sequential blocks of 8192, NaN treated as 0 for summing and excluded from the count, two-pass
/// population variance, and the percentile rank with average ties. Used by the research feature
/// mode for its chunk-global (look-ahead) statistics, and nowhere else.
/// </summary>
public static class SampleStatistics
{
    private const int BlockSize = 8192;

    /// <summary>Mean and population standard deviation over the non-NaN values.</summary>
    public static (double Mean, double Std) MeanAndStd(ReadOnlySpan<double> values)
    {
        var buffer = new double[values.Length];
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var nan = double.IsNaN(values[i]);
            buffer[i] = nan ? 0.0 : values[i];
            count += nan ? 0 : 1;
        }

        if (count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var mean = BlockedSum(buffer) / count;
        for (var i = 0; i < values.Length; i++)
        {
            var d = mean - buffer[i];
            buffer[i] = double.IsNaN(values[i]) ? 0.0 : d * d;
        }

        var variance = BlockedSum(buffer) / count;
        return (mean, Math.Sqrt(variance));
    }

    /// <summary><c>acc = 0; for each block of 8192: acc += pairwise(block)</c>.</summary>
    public static double BlockedSum(ReadOnlySpan<double> values)
    {
        var acc = 0.0;
        for (var start = 0; start < values.Length; start += BlockSize)
        {
            acc += PairwiseSum(values.Slice(start, Math.Min(BlockSize, values.Length - start)));
        }

        return acc;
    }

    /// <summary>numpy's pairwise summation.</summary>
    public static double PairwiseSum(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            var res = 0.0;
            for (var i = 0; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        if (n <= 128)
        {
            double r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r0 += a[i];
                r1 += a[i + 1];
                r2 += a[i + 2];
                r3 += a[i + 3];
                r4 += a[i + 4];
                r5 += a[i + 5];
                r6 += a[i + 6];
                r7 += a[i + 7];
            }

            var res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        var n2 = n / 2;
        n2 -= n2 % 8;
        return PairwiseSum(a[..n2]) + PairwiseSum(a[n2..]);
    }

    /// <summary>Percentile rank (average rank of ties / number of non-NaN values); NaN stays NaN.</summary>
    public static double[] PercentRank(ReadOnlySpan<double> values)
    {
        var result = new double[values.Length];
        var order = new List<int>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = double.NaN;
            if (!double.IsNaN(values[i]))
            {
                order.Add(i);
            }
        }

        var copy = values.ToArray();
        order.Sort((x, y) => copy[x].CompareTo(copy[y]));
        var count = order.Count;
        for (var start = 0; start < count;)
        {
            var end = start;
            while (end + 1 < count && copy[order[end + 1]] == copy[order[start]])
            {
                end++;
            }

            // ranks start+1 .. end+1; their sum is exact in double for any realistic count.
            long sumRanks = 0;
            for (var r = start; r <= end; r++)
            {
                sumRanks += r + 1;
            }

            var average = (double)sumRanks / (end - start + 1);
            for (var r = start; r <= end; r++)
            {
                result[order[r]] = average / count;
            }

            start = end + 1;
        }

        return result;
    }
}
