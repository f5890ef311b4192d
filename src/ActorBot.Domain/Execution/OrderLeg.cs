namespace ActorBot.Domain.Execution;

/// <summary>The job of one order within a trade. Encoded as one letter in <see cref="ClientOrderId"/>.</summary>
public enum OrderLeg
{
    Entry,
    StopLoss,
    TakeProfit,
    Flatten,
}
