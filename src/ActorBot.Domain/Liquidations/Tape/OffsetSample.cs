namespace ActorBot.Domain.Liquidations.Tape;

/// <summary>
/// One observed entry→liquidation offset (SPEC §3 step 2): <c>(entry − liquidation)/entry</c>, the side that was
/// liquidated and the ladder tier nearest to the leverage the move implies.
/// </summary>
public readonly record struct OffsetSample(int Tier, double OffsetPct, LiquidationSide Side);
