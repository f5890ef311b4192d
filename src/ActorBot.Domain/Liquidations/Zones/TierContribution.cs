namespace ActorBot.Domain.Liquidations.Zones;

/// <summary>
/// The evidence one leverage tier has put into a zone: the raw sum of its adjusted weights (weight × tier intensity ×
/// confidence). Deliberately <b>not</b> capped and <b>not</b> decayed (SPEC §13 #9 names them "uncapped sums"; we keep
/// them so): they are an attribution of evidence by tier, used only for the leverage filter (a sum ≥ 0.01 over the tiers
/// in range) and served as relative shares; the zone's <em>weight</em> is the capped, decayed quantity.
/// </summary>
public readonly record struct TierContribution(int Tier, double Value);
