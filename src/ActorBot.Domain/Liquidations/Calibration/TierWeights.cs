namespace ActorBot.Domain.Liquidations.Calibration;

/// <summary>Weight arithmetic of the calibrator over a ladder: the disabled-tier rule, entropy and ladder migration.</summary>
public static class TierWeights
{
    private const double Eps = 1e-9;

    /// <summary>
    /// SPEC §6.7: disabled tiers weigh 0 and the rest is renormalised; if nothing is left, the ladder's default weights;
    /// if those are degenerate too, uniform over the enabled tiers.
    /// </summary>
    public static double[] EnforceDisabled(IReadOnlyList<double> weights, LeverageLadder ladder)
    {
        var w = new double[ladder.Tiers.Count];
        var sum = 0.0;
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = ladder.Disabled.Contains(ladder.Tiers[i]) || !(weights[i] > 0) || !double.IsFinite(weights[i]) ? 0.0 : weights[i];
            sum += w[i];
        }

        if (sum <= Eps)
        {
            // The ladder's own weights are already zero on disabled tiers and sum to 1 over the enabled ones.
            return [.. ladder.Weights];
        }

        for (var i = 0; i < w.Length; i++)
        {
            w[i] /= sum;
        }

        return w;
    }

    /// <summary>Shannon entropy (nats) of the weights of the enabled tiers, renormalised over them.</summary>
    public static double EnabledEntropy(IReadOnlyList<double> weights, LeverageLadder ladder)
    {
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            if (!ladder.Disabled.Contains(ladder.Tiers[i]))
            {
                sum += weights[i];
            }
        }

        if (!(sum > 0))
        {
            return 0.0;
        }

        var h = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            if (!ladder.Disabled.Contains(ladder.Tiers[i]) && weights[i] > 0)
            {
                var p = weights[i] / sum;
                h -= p * Math.Log(p);
            }
        }

        return h;
    }

    /// <summary>The largest entropy the enabled tiers allow: ln(number of enabled tiers).</summary>
    public static double MaxEntropy(LeverageLadder ladder) => Math.Log(Math.Max(1, ladder.Tiers.Count(t => !ladder.Disabled.Contains(t))));

    /// <summary>
    /// Maps weights of one ladder onto another in 1/L space (SPEC §6.8, the migration the old code never reached): the old
    /// tiers that carried weight are the points (an old disabled tier's 0 is not evidence, so it is left out); a new tier
    /// at or beyond an end takes that end's weight, one in between the linear interpolation of its two neighbours. The
    /// result is put through <see cref="EnforceDisabled"/> for the new ladder. Null when the old weights carry nothing.
    /// </summary>
    public static double[]? Migrate(IReadOnlyList<int> oldTiers, IReadOnlyList<double> oldWeights, LeverageLadder target)
    {
        var points = new List<(double X, double W)>();
        for (var i = 0; i < oldTiers.Count; i++)
        {
            if (oldTiers[i] > 0 && oldWeights[i] > 0 && double.IsFinite(oldWeights[i]))
            {
                points.Add((1.0 / oldTiers[i], oldWeights[i]));
            }
        }

        if (points.Count == 0)
        {
            return null;
        }

        points.Sort((a, b) => a.X.CompareTo(b.X));
        var w = new double[target.Tiers.Count];
        for (var i = 0; i < w.Length; i++)
        {
            var x = 1.0 / target.Tiers[i];
            if (x <= points[0].X)
            {
                w[i] = points[0].W;
            }
            else if (x >= points[^1].X)
            {
                w[i] = points[^1].W;
            }
            else
            {
                var j = 1;
                while (points[j].X < x)
                {
                    j++;
                }

                var (x0, w0) = points[j - 1];
                var (x1, w1) = points[j];
                w[i] = Math.Max(0.0, w0 + ((w1 - w0) * (x - x0) / (x1 - x0)));
            }
        }

        return w.Sum() > Eps ? EnforceDisabled(w, target) : null;
    }
}
