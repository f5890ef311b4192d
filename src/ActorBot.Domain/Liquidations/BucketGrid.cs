namespace ActorBot.Domain.Liquidations;

/// <summary>
/// A symbol's price buckets (moonstream SPEC §1.4): the bucket of a price is the nearest multiple of the step,
/// half to even as Python's <c>round</c>. Every map of the liquidation engines is keyed by the bucket's integer
/// tick index, never by a floating price: the old engine's float keys made SOL lookups miss (SPEC §13 #21).
/// </summary>
public sealed class BucketGrid
{
    public BucketGrid(decimal step)
    {
        if (step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), $"Bucket step {step} must be positive.");
        }

        Step = step;
    }

    public decimal Step { get; }

    /// <summary>The tick index of the bucket nearest to the price.</summary>
    public long TickOf(decimal price) => (long)Math.Round(price / Step, MidpointRounding.ToEven);

    /// <summary>The tick index of the bucket nearest to a computed (floating) price, e.g. an implied level.</summary>
    public long TickOf(double price)
    {
        if (!double.IsFinite(price))
        {
            throw new ArgumentOutOfRangeException(nameof(price), $"Price {price} is not finite.");
        }

        return (long)Math.Round(price / (double)Step, MidpointRounding.ToEven);
    }

    /// <summary>The exact price of a bucket: tick × step, built by index, never by repeated addition.</summary>
    public decimal PriceOf(long tick) => tick * Step;

    /// <summary>The bucket's price as the old engine's JSON wrote it (a float).</summary>
    public double PriceAsDouble(long tick) => (double)PriceOf(tick);
}
