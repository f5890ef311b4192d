namespace ActorBot.Venues.Simulator.Engine;

/// <summary>A one-way position: signed amount (long &gt; 0), average entry, leverage, margin type.</summary>
public sealed class SimPosition
{
    public decimal Amount { get; set; }

    public decimal EntryPrice { get; set; }

    public int Leverage { get; set; } = 20;

    /// <summary>"cross" or "isolated", as positionRisk spells it (the venue's default is cross).</summary>
    public string MarginType { get; set; } = "cross";

    public long UpdateTimeMs { get; set; }
}
