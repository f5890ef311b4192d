namespace ActorBot.Engine.Telemetry;

/// <summary>Asks <c>/user/telemetry</c> for <see cref="TelemetryStatus"/>; it flushes its buffer first.</summary>
public sealed record GetTelemetryStatus
{
    public static readonly GetTelemetryStatus Instance = new();
}

/// <summary>
/// The telemetry writer's counters: lines written, lines lost to write errors (<paramref name="Failed"/>), rotations,
/// and the last error (an IO message: paths, never a secret).
/// </summary>
public sealed record TelemetryStatus(string Path, long Written, long Failed, int Rotations, string? LastError);

/// <summary>Timer: write what is buffered.</summary>
internal sealed record FlushTelemetry
{
    public static readonly FlushTelemetry Instance = new();
}
