namespace ActorBot.Venues.Binance.Rest;

/// <summary>The REST gateway's view of the venue: Disabled while an IP ban (418) is in force.</summary>
public enum VenueStatus
{
    Healthy,
    Disabled,
}
