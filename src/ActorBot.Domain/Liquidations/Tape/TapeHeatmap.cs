namespace ActorBot.Domain.Liquidations.Tape;

/// <summary>The tape's map (SPEC §3 <c>get_heatmap()</c>): each side's buckets, ascending by price.</summary>
public sealed record TapeHeatmap(IReadOnlyList<TapeBucket> Long, IReadOnlyList<TapeBucket> Short)
{
    /// <summary>The old shape: price → decayed notional, per side.</summary>
    public IReadOnlyDictionary<decimal, double> NotionalByPrice(LiquidationSide side) =>
        (side == LiquidationSide.Long ? Long : Short).ToDictionary(b => b.Price, b => b.NotionalUsd);
}
