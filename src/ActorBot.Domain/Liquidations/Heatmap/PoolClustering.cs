namespace ActorBot.Domain.Liquidations.Heatmap;

/// <summary>A run of neighbouring ticks of one side, before the notional filter and the wire rounding.</summary>
public sealed record PoolCluster(LiquidationSide Side, long LowTick, long HighTick, double NotionalUsd, double CentroidTick, int BucketCount);

/// <summary>
/// Splits one side's {tick → USD} into liquidation pools (replaces SPEC §5.2 step 3; fixes §13 #10). The old rule
/// chained any bucket within 0.5 % of price of the last one, so with a $20 step every contiguous run became one pool
/// per side. The rule here, in bucket units so it means the same for every symbol and price:
/// <list type="number">
/// <item>buckets under <c>minBucketUsd</c> are dropped;</item>
/// <item>a gap of more than <c>maxGapBuckets</c> empty buckets ends a pool;</item>
/// <item>within a run, the deepest valley is split off while it is at most <c>valleyRatio</c> × the lower of the two
/// peaks either side of it (repeated on both halves), so two humps joined by a thin bridge are two pools. The valley
/// bucket stays with the side whose neighbouring bucket is larger.</item>
/// </list>
/// </summary>
public static class PoolClustering
{
    public static IReadOnlyList<PoolCluster> Cluster(
        LiquidationSide side, IEnumerable<KeyValuePair<long, double>> buckets, double minBucketUsd, int maxGapBuckets, double valleyRatio)
    {
        if (maxGapBuckets < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxGapBuckets), $"maxGapBuckets {maxGapBuckets} must be ≥ 0.");
        }

        if (!(valleyRatio >= 0) || valleyRatio > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(valleyRatio), $"valleyRatio {valleyRatio} must be in [0, 1].");
        }

        var sorted = buckets.Where(kv => kv.Value >= minBucketUsd).OrderBy(kv => kv.Key).ToArray();
        var pools = new List<PoolCluster>();
        var start = 0;
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i == sorted.Length || sorted[i].Key - sorted[i - 1].Key - 1 > maxGapBuckets)
            {
                SplitOnValleys(side, sorted, start, i - 1, valleyRatio, pools);
                start = i;
            }
        }

        return pools;
    }

    private static void SplitOnValleys(LiquidationSide side, KeyValuePair<long, double>[] b, int from, int to, double ratio, List<PoolCluster> pools)
    {
        var n = to - from + 1;
        if (n >= 3 && ratio > 0)
        {
            // Prefix and suffix maxima give both peaks of every interior bucket in one pass.
            var left = new double[n];
            var right = new double[n];
            for (var i = 0; i < n; i++)
            {
                left[i] = Math.Max(i > 0 ? left[i - 1] : 0, b[from + i].Value);
            }

            for (var i = n - 1; i >= 0; i--)
            {
                right[i] = Math.Max(i < n - 1 ? right[i + 1] : 0, b[from + i].Value);
            }

            var best = -1;
            var bestRatio = double.MaxValue;
            for (var i = 1; i < n - 1; i++)
            {
                var lower = Math.Min(left[i - 1], right[i + 1]);
                var r = b[from + i].Value / lower;
                if (r < bestRatio)
                {
                    bestRatio = r;
                    best = i;
                }
            }

            if (best > 0 && bestRatio <= ratio)
            {
                var valley = from + best;
                var valleyGoesLeft = b[valley - 1].Value >= b[valley + 1].Value;
                var leftEnd = valleyGoesLeft ? valley : valley - 1;
                SplitOnValleys(side, b, from, leftEnd, ratio, pools);
                SplitOnValleys(side, b, leftEnd + 1, to, ratio, pools);
                return;
            }
        }

        var total = 0.0;
        var weighted = 0.0;
        for (var i = from; i <= to; i++)
        {
            total += b[i].Value;
            weighted += b[i].Key * b[i].Value;
        }

        pools.Add(new PoolCluster(side, b[from].Key, b[to].Key, total, total > 0 ? weighted / total : b[from].Key, n));
    }
}
