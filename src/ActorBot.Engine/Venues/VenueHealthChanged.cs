namespace ActorBot.Engine.Venues;

/// <summary>Published on the event stream by a venue's health actor on every Healthy ↔ Disabled transition.</summary>
public sealed record VenueHealthChanged(string Venue, bool Disabled, string Detail);
