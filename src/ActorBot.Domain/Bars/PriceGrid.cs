namespace ActorBot.Domain.Bars;

/// <summary>
/// The research's tick snap for feature bars (SPEC §2.1 step 6): k = round-half-even(price / tick),
/// price = k × tick as a plain IEEE product. 641381 × 0.1 gives 64138.100000000006, and the
/// research events carry such values verbatim, so we must not "fix" the product.
/// </summary>
public static class PriceGrid
{
    public static double Snap(double price, double tick)
    {
        if (!(tick > 0) || !double.IsFinite(tick))
        {
            throw new ArgumentOutOfRangeException(nameof(tick), $"Tick size {tick} must be a positive finite number.");
        }

        var k = Math.Round(price / tick, MidpointRounding.ToEven);
        return k * tick;
    }
}
