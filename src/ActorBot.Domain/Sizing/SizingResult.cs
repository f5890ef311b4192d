namespace ActorBot.Domain.Sizing;

/// <summary>The outcome of sizing: a quantity on the step grid, or a refusal with a reason.</summary>
public abstract record SizingResult;

/// <summary>What bounded the quantity: the risk budget, the notional cap, or the margin (balance × leverage).</summary>
public enum SizeLimit
{
    Risk,
    NotionalCap,
    Margin,
    MaxQty,
}

public sealed record Sized(decimal Quantity, decimal NotionalUsd, SizeLimit LimitedBy) : SizingResult;

public sealed record SizeRejected(string Reason, string Detail) : SizingResult;
