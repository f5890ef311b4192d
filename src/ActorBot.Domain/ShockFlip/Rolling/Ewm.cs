namespace ActorBot.Domain.ShockFlip.Rolling;

/// <summary>
/// Exponentially weighted mean with pandas' <c>adjust=False</c> semantics (SPEC §4.9):
/// α = 1/(1 + (span − 1)/2); y₀ = x₀; yₜ = ((1−α)·yₜ₋₁ + α·xₜ) / ((1−α) + α), skipped when
/// yₜ₋₁ == xₜ. The division by (1−α)+α is kept on purpose: it is not exactly 1 in floating point.
/// </summary>
public sealed class Ewm
{
    private readonly double _alpha;
    private readonly double _oldWeight;
    private bool _seeded;

    public Ewm(int span)
    {
        if (span < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(span), $"EWM span {span} must be at least 1.");
        }

        var com = (span - 1) / 2.0;
        _alpha = 1.0 / (1.0 + com);
        _oldWeight = 1.0 - _alpha;
    }

    public double Value { get; private set; } = double.NaN;

    public void Push(double x)
    {
        if (!_seeded)
        {
            if (!double.IsNaN(x))
            {
                Value = x;
                _seeded = true;
            }

            return;
        }

        if (double.IsNaN(x) || Value == x)
        {
            return;
        }

        Value = ((_oldWeight * Value) + (_alpha * x)) / (_oldWeight + _alpha);
    }
}
