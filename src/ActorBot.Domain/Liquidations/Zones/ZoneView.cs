namespace ActorBot.Domain.Liquidations.Zones;

/// <summary>
/// One zone as the API serves it (SPEC §8.4): <see cref="Weight"/> and the tier contributions rounded to 4 dp as the old
/// wire, times in integer epoch ms, the tier contributions in the order the tiers first contributed.
/// <see cref="ExactWeight"/> keeps the full-precision weight for anything that computes with it.
/// </summary>
public sealed record ZoneView(
    decimal Price,
    LiquidationSide Side,
    double Weight,
    double ExactWeight,
    long CreatedAtMs,
    long LastReinforcedAtMs,
    int ReinforcementCount,
    ZoneSource Source,
    IReadOnlyList<TierContribution> TierContributions);

/// <summary>
/// The engine's summary (SPEC §8.4 <c>get_summary()</c>): total weights rounded to 2 dp as the old wire. The totals are
/// persisted with the zones (the old ones were session counters reset by a restart), so they count the zone book's life.
/// </summary>
public sealed record ZoneSummary(
    int ActiveZonesLong,
    int ActiveZonesShort,
    double TotalWeightLong,
    double TotalWeightShort,
    long ZonesCreatedTotal,
    long ZonesReinforcedTotal,
    long ZonesSweptTotal,
    long ZonesExpiredTotal,
    long ZonesMergedTotal);

/// <summary>Health counters that are not part of the old summary (session only, not persisted): inputs refused by reason,
/// minutes refused as stale, sweep zones created, new zones cut to the cap.</summary>
public sealed record ZoneStats(
    long Rejected,
    IReadOnlyDictionary<ZoneRejection, long> RejectedByReason,
    long StaleMinutes,
    long SweepZonesCreated,
    long CappedOnCreation);
