namespace ActorBot.Domain.OrderBook;

/// <summary>Where the synchroniser is in Binance's snapshot + diff procedure.</summary>
public enum BookSyncState
{
    /// <summary>Buffering diffs until a REST snapshot arrives (at start and after every break).</summary>
    AwaitingSnapshot,

    /// <summary>Snapshot loaded; waiting for the first diff with <c>U ≤ lastUpdateId ≤ u</c>.</summary>
    AwaitingBridge,

    /// <summary>Every diff is checked against <c>pu</c> = previous <c>u</c> and applied.</summary>
    Synced,
}
