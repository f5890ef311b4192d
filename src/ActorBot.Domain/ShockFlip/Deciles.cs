namespace ActorBot.Domain.ShockFlip;

/// <summary>
/// The two decile rules. Research (SPEC §5.3): over the whole year's event list, ordinal rank
/// (ties by file order), decile(r) = 0 if r = 1 else ceil(10·(r−1)/(n−1)) − 1 — sample-specific and
/// look-ahead. Causal: fixed cut points stored with the model; decile = number of cut points
/// strictly below the value, so an unseen event is classified from the training sample only.
/// </summary>
public static class Deciles
{
    /// <summary>Research deciles of <paramref name="values"/> (in file order).</summary>
    public static int[] Research(IReadOnlyList<double> values)
    {
        var n = values.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        var result = new int[n];
        for (var rank0 = 0; rank0 < n; rank0++)
        {
            result[order[rank0]] = DecileOfRank(rank0 + 1, n);
        }

        return result;
    }

    public static int DecileOfRank(int rank, int n)
    {
        if (rank == 1 || n <= 1)
        {
            return 0;
        }

        // Integer form of ceil(10·(r−1)/(n−1)) − 1: exact, no floating point.
        var num = 10L * (rank - 1);
        var den = n - 1L;
        return (int)(((num + den - 1) / den) - 1);
    }

    /// <summary>
    /// Fits nine cut points: cut d = the largest value whose research decile is d (d = 0..8).
    /// With these, <see cref="Causal"/> reproduces the research deciles on the fitting sample
    /// wherever values are distinct.
    /// </summary>
    public static double[] FitCutPoints(IReadOnlyList<double> values)
    {
        var n = values.Count;
        if (n < 10)
        {
            throw new ArgumentException($"Need at least 10 values to fit decile cut points, got {n}.", nameof(values));
        }

        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        var cuts = new double[9];
        for (var rank = 1; rank <= n; rank++)
        {
            var d = DecileOfRank(rank, n);
            if (d < 9)
            {
                cuts[d] = values[order[rank - 1]];
            }
        }

        return cuts;
    }

    public static int Causal(double value, IReadOnlyList<double> cutPoints)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        var d = 0;
        foreach (var c in cutPoints)
        {
            if (value > c)
            {
                d++;
            }
        }

        return d;
    }
}
