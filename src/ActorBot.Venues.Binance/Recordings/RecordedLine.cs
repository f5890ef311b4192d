namespace ActorBot.Venues.Binance.Recordings;

/// <summary>
/// One line of a recording: its kind, the collector's local timestamp as written (units differ between
/// collectors: ns, µs or fractional seconds — use exchange times for event time), the request URL for
/// REST lines, and the JSON body as UTF-8.
/// </summary>
public sealed record RecordedLine(
    string File,
    long LineNumber,
    RecordedLineKind Kind,
    string LocalTimestamp,
    string? Url,
    ReadOnlyMemory<byte> Json);
