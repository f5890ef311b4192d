using ActorBot.Engine.Cluster;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Engine.Venues;

/// <summary>
/// Routes a query (<see cref="GetVenueHealth"/>, <see cref="GetMarketStreamStatus"/>, <see cref="Account.GetAccountStatus"/>,
/// <see cref="Execution.GetExecutionStatus"/>) or the kill switch's <see cref="Trading.CancelAll"/> through <c>/user/venues</c> to one venue.
/// </summary>
public sealed record AskVenue(string Venue, object Query) : IClusterMessage;

/// <summary>The market stream's state changed (market → health): up = connected and data proven since the connect.</summary>
public sealed record StreamStateChanged(bool Up, string Detail);

/// <summary>The REST gateway's venue status (Disabled during an IP ban), pushed to health on every change.</summary>
public sealed record RestStatusChanged(VenueStatus Status);

/// <summary>Asks <c>health</c> for the venue's health.</summary>
public sealed record GetVenueHealth : IClusterMessage
{
    public static readonly GetVenueHealth Instance = new();
}

/// <summary>The venue's health as <c>health</c> sees it.</summary>
public sealed record VenueHealth(string Venue, VenueStatus Status, bool StreamUp, VenueStatus RestStatus, string Detail) : IClusterMessage;

/// <summary>Asks <c>market</c> for its counters.</summary>
public sealed record GetMarketStreamStatus
{
    public static readonly GetMarketStreamStatus Instance = new();
}

/// <summary>The market stream's counters (for tests, the probe and the doctor).</summary>
public sealed record MarketStreamStatus(
    bool Up,
    long FramesReceived,
    long TradesForwarded,
    long DecodeErrors,
    long Connects,
    long Reconnects,
    long ConnectFailures,
    long StallsDetected,
    long Backfills,
    long TradesBackfilled,
    long TradesUnfilled,
    long PipelineFailures,
    string? LastError);

// ---- internal: async results from the stream client's thread, delivered as messages ----------------

/// <summary>The stream client connected (1 = first connect).</summary>
internal sealed record StreamConnected(long Connects);

/// <summary>The first frame of a stream arrived after a (re)connect.</summary>
internal sealed record StreamProven(string Stream);

/// <summary>The client's watchdog found a stream silent past its stall timeout; the socket is recycled.</summary>
internal sealed record StreamStalled(string Stream);

/// <summary>A trade id gap was found; the REST backfill for the symbol is running.</summary>
public sealed record BackfillStarted(string Symbol, long MissingTrades);

/// <summary>The backfill for the symbol ended; <paramref name="Unfilled"/> trades stayed missing.</summary>
public sealed record BackfillFinished(string Symbol, long Filled, long Unfilled);

/// <summary>Handling one frame threw (e.g. the REST backfill failed hard); counted, the stream goes on.</summary>
public sealed record PipelineFailed(string Error);

/// <summary>The market actor's open-interest timer.</summary>
internal sealed record PollOpenInterest
{
    public static readonly PollOpenInterest Instance = new();
}

/// <summary>One open-interest answer (or why there is none) for a symbol.</summary>
internal sealed record OpenInterestPolled(string Symbol, ActorBot.Venues.Binance.Rest.OpenInterest? Value, string? Error);

/// <summary>Periodic check of the socket state (a drop has no event of its own).</summary>
internal sealed record CheckStream
{
    public static readonly CheckStream Instance = new();
}

/// <summary>Periodic re-evaluation of the grace period and the REST status.</summary>
internal sealed record HealthTick
{
    public static readonly HealthTick Instance = new();
}
