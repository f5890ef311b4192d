namespace ActorBot.Domain.Liquidations.Tape;

/// <summary>Why a bucket was swept: the minute traded through its price.</summary>
public enum SweepReason
{
    /// <summary>A short bucket at or below the minute's high (the old log's <c>"high&gt;=P"</c>).</summary>
    HighAtOrAbove,

    /// <summary>A long bucket at or above the minute's low (the old log's <c>"low&lt;=P"</c>).</summary>
    LowAtOrBelow,
}
