namespace ActorBot.Venues.Simulator.Engine;

/// <summary>A one-way position: signed amount (long &gt; 0), average entry, leverage.</summary>
public sealed class SimPosition
{
    public decimal Amount { get; set; }

    public decimal EntryPrice { get; set; }

    public int Leverage { get; set; } = 20;

    public long UpdateTimeMs { get; set; }
}
