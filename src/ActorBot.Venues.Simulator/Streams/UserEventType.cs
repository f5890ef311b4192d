using System.Text.Json;

namespace ActorBot.Venues.Simulator.Streams;

/// <summary>The <c>e</c> member of a user-data event, for the venue's per-connection event filter.</summary>
internal static class UserEventType
{
    public static string Of(string payloadJson)
    {
        using var doc = JsonDocument.Parse(payloadJson);
        return doc.RootElement.TryGetProperty("e", out var e) ? e.GetString() ?? string.Empty : string.Empty;
    }
}
