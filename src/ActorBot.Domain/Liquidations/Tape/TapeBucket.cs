namespace ActorBot.Domain.Liquidations.Tape;

/// <summary>
/// One price bucket of liquidations that printed (SPEC §3), as a snapshot: the bucket's tick and exact price, its
/// decayed USD notional, how many liquidations fell in it, the highest notional it ever held, and the time (epoch ms)
/// of its last liquidation.
/// </summary>
public sealed record TapeBucket(
    LiquidationSide Side, long Tick, decimal Price, double NotionalUsd, int Count, double PeakNotionalUsd, long LastTimestampMs);
