namespace ActorBot.Data.Heatmaps;

/// <summary>
/// A ring file of fixed-size records. Defaults are the old order-book buffer's (SPEC §9.3): 4096-byte records,
/// 1440 kept (12 h of 30 s frames), compaction checked every 100 appends, so the file holds at most 1539 records.
/// </summary>
public sealed record RingFileOptions
{
    public const int OrderBookCapacity = 1440;

    /// <summary>Liquidation history: the API serves at most 720 minutes (SPEC §11.2), and the old loader read 720.</summary>
    public const int LiquidationHistoryCapacity = 720;

    public RingFileOptions(int recordSize = 4096, int capacity = OrderBookCapacity, int compactEvery = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recordSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(compactEvery, 1);
        RecordSize = recordSize;
        Capacity = capacity;
        CompactEvery = compactEvery;
    }

    public int RecordSize { get; }

    public int Capacity { get; }

    public int CompactEvery { get; }
}
