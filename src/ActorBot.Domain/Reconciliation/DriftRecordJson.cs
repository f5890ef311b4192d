using System.Text;
using System.Text.Json;

namespace ActorBot.Domain.Reconciliation;

/// <summary>Formats a drift record as one JSONL line. Pure: the writer actor appends the returned text.</summary>
public static class DriftRecordJson
{
    public static string ToJsonLine(DriftRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("timestamp_ms", r.TimestampMs);
            w.WriteNumber("venue_index", r.VenueIndex);
            w.WriteString("venue_id", r.VenueId);
            w.WriteString("kind", r.Kind);
            WriteNullable(w, "internal", r.Internal);
            WriteNullable(w, "venue", r.Venue);
            WriteNullable(w, "diff", r.Diff);
            WriteNullable(w, "tolerance", r.Tolerance);
            w.WriteString("source", r.Source);
            w.WriteBoolean("available", r.Available);
            if (r.Symbol is null)
            {
                w.WriteNull("symbol");
            }
            else
            {
                w.WriteString("symbol", r.Symbol);
            }

            w.WriteString("severity", r.Severity.ToString().ToLowerInvariant());
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
