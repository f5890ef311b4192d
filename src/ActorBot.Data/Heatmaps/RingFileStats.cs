namespace ActorBot.Data.Heatmaps;

/// <summary>
/// What a ring file has done since it was opened: the source of the buffer's <c>/orderbook_heatmap_stats</c> figures
/// and of the probe's counters (torn tails, fsyncs, compactions).
/// </summary>
public readonly record struct RingFileStats(
    long RecordsOnDisk,
    long FileSizeBytes,
    long AppendsTotal,
    long Fsyncs,
    long Compactions,
    long TornBytesTruncatedAtOpen,
    long StaleCompactionFilesRemoved,
    double LastAppendDurationMs,
    double AvgAppendDurationMs);
