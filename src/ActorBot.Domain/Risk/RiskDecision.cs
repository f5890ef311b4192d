namespace ActorBot.Domain.Risk;

/// <summary>The verdict on one <see cref="EntryIntent"/>.</summary>
public abstract record RiskDecision
{
    public bool IsApproved => this is Approved;
}

/// <summary>Approved: persist <paramref name="Events"/> (a day roll if one was due, then the opening) and apply them.</summary>
public sealed record Approved(IReadOnlyList<RiskEvent> Events) : RiskDecision;

/// <summary>Refused. <paramref name="Reason"/> is one of <see cref="DropReason"/>, <paramref name="Detail"/> is for humans.</summary>
public sealed record Rejected(string Reason, string Detail) : RiskDecision;
