namespace ActorBot.Domain.Sizing;

/// <summary>Why an order would be refused by the venue's filters: a <see cref="Risk.DropReason"/> label and a human detail.</summary>
public sealed record FilterRejection(string Reason, string Detail);
