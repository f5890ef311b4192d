namespace ActorBot.Domain.Liquidations.Zones;

/// <summary>A live zone inside <see cref="ZoneBook"/>: mutable, never handed out (views and records are copies).</summary>
internal sealed class ActiveZone
{
    public ActiveZone(LiquidationSide side, long tick, double weight, long createdAtMs, long lastReinforcedAtMs, int count, ZoneSource source, IEnumerable<TierContribution> tiers)
    {
        Side = side;
        Tick = tick;
        Weight = weight;
        CreatedAtMs = createdAtMs;
        LastReinforcedAtMs = lastReinforcedAtMs;
        ReinforcementCount = count;
        Source = source;
        Tiers = [.. tiers];
    }

    public LiquidationSide Side { get; }

    public long Tick { get; }

    public double Weight { get; set; }

    public long CreatedAtMs { get; set; }

    public long LastReinforcedAtMs { get; set; }

    public int ReinforcementCount { get; set; }

    public ZoneSource Source { get; set; }

    /// <summary>Per-tier evidence in the order tiers first contributed (the old dict's insertion order, kept for the wire).</summary>
    public List<TierContribution> Tiers { get; }

    public void AddTier(int tier, double value)
    {
        var i = Tiers.FindIndex(t => t.Tier == tier);
        if (i < 0)
        {
            Tiers.Add(new TierContribution(tier, value));
        }
        else
        {
            Tiers[i] = Tiers[i] with { Value = Tiers[i].Value + value };
        }
    }

    /// <summary>Two sources make a combined zone; a zone already combined stays so.</summary>
    public void MixSource(ZoneSource other)
    {
        if (Source != other)
        {
            Source = ZoneSource.Combined;
        }
    }

    public ZoneRecord ToRecord() => new(Side, Tick, Weight, CreatedAtMs, LastReinforcedAtMs, ReinforcementCount, Source, [.. Tiers]);
}
