namespace ActorBot.Domain.Liquidations;

/// <summary>
/// A symbol's leverage tiers and their weights (moonstream SPEC §2). Immutable: the old registry handed out shared
/// mutable objects that one engine's update changed for every other (§2). Weights are kept normalised over the
/// <em>enabled</em> tiers only, so a disabled tier's mass is never silently dropped in projection (§13 #22).
/// </summary>
public sealed class LeverageLadder
{
    private readonly int[] _tiers;
    private readonly double[] _weights;
    private readonly HashSet<int> _disabled;

    public LeverageLadder(IReadOnlyList<int> tiers, IReadOnlyList<double> weights, IEnumerable<int>? disabled = null)
    {
        if (tiers.Count == 0 || tiers.Count != weights.Count)
        {
            throw new ArgumentException($"A ladder needs one weight per tier (tiers {tiers.Count}, weights {weights.Count}).");
        }

        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i] <= 0 || (i > 0 && tiers[i] <= tiers[i - 1]))
            {
                throw new ArgumentException($"Tiers must be positive and strictly increasing: [{string.Join(", ", tiers)}].");
            }

            if (!(weights[i] >= 0) || !double.IsFinite(weights[i]))
            {
                throw new ArgumentException($"Weight {weights[i]} of tier {tiers[i]}x must be a finite non-negative number.");
            }
        }

        _tiers = tiers.ToArray();
        _disabled = new HashSet<int>(disabled ?? []);
        var enabledSum = 0.0;
        for (var i = 0; i < _tiers.Length; i++)
        {
            if (!_disabled.Contains(_tiers[i]))
            {
                enabledSum += weights[i];
            }
        }

        if (!(enabledSum > 0))
        {
            throw new ArgumentException("At least one enabled tier must carry weight.");
        }

        _weights = new double[_tiers.Length];
        for (var i = 0; i < _tiers.Length; i++)
        {
            _weights[i] = _disabled.Contains(_tiers[i]) ? 0.0 : weights[i] / enabledSum;
        }
    }

    /// <summary>The tiers, ascending.</summary>
    public IReadOnlyList<int> Tiers => _tiers;

    /// <summary>The weights, one per tier, summing to 1 over the enabled tiers; disabled tiers weigh 0.</summary>
    public IReadOnlyList<double> Weights => _weights;

    public IReadOnlySet<int> Disabled => _disabled;

    public bool IsEnabled(int tier) => Array.IndexOf(_tiers, tier) >= 0 && !_disabled.Contains(tier);

    public double WeightOf(int tier)
    {
        var i = Array.IndexOf(_tiers, tier);
        return i < 0 ? 0.0 : _weights[i];
    }

    /// <summary>The enabled tiers with their weights, ascending.</summary>
    public IEnumerable<(int Tier, double Weight)> Enabled()
    {
        for (var i = 0; i < _tiers.Length; i++)
        {
            if (!_disabled.Contains(_tiers[i]))
            {
                yield return (_tiers[i], _weights[i]);
            }
        }
    }

    /// <summary>The same tiers with new weights (renormalised over the enabled tiers).</summary>
    public LeverageLadder WithWeights(IReadOnlyList<double> weights) => new(_tiers, weights, _disabled);

    /// <summary>The tier nearest to an estimated leverage (ties to the lower tier).</summary>
    public int NearestTier(double leverage)
    {
        var best = _tiers[0];
        foreach (var t in _tiers)
        {
            if (Math.Abs(t - leverage) < Math.Abs(best - leverage))
            {
                best = t;
            }
        }

        return best;
    }
}
