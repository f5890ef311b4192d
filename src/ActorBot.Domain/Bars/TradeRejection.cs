namespace ActorBot.Domain.Bars;

/// <summary>Why the bar builder refused a trade. Each reason is counted, nothing crashes.</summary>
public enum TradeRejection
{
    None,

    /// <summary>Price or quantity not finite or not positive.</summary>
    Malformed,

    /// <summary>The trade belongs to a minute that was already emitted (late or out of order).</summary>
    Late,
}
