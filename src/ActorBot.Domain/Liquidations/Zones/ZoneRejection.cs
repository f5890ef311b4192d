namespace ActorBot.Domain.Liquidations.Zones;

/// <summary>Why a zone input changed nothing. Every one is counted in <see cref="ZoneStats"/>.</summary>
public enum ZoneRejection
{
    /// <summary>The tier is disabled in the symbol's ladder (the old <c>"skipped"</c>).</summary>
    DisabledTier,

    /// <summary>The weight, scaled by the tier's intensity and the confidence, is zero: nothing to add.</summary>
    ZeroWeight,

    /// <summary>The weight is negative or not finite.</summary>
    InvalidWeight,

    /// <summary>The confidence is outside [0, 1] or not finite.</summary>
    InvalidConfidence,

    /// <summary>The tick's price is not positive.</summary>
    InvalidTick,

    /// <summary>A minute's OI close factor is outside [0, 1) or not finite; it was not applied.</summary>
    InvalidCloseFactor,
}
