using ActorBot.Data.Heatmaps;
using ActorBot.Domain.Liquidations.Api;
using ActorBot.Domain.Liquidations.Binary;
using ActorBot.Domain.Liquidations.Heatmap;

namespace ActorBot.Engine.Liquidations;

/// <summary>
/// /liquidations' V2 history: the last 720 minute records in memory, each new one appended to
/// <c>liq_heatmap_v2_{BASE}.bin</c> under the state dir (the ring file fsyncs and compacts), reloaded on start.
/// A disk failure is counted and the memory history carries on: the API never loses the live minutes for it.
/// New records wait in <see cref="Pending"/> until <see cref="Flush"/> writes them under one fsync (the actor flushes on
/// its 1 s tick and at stop): live that is one record a minute, but a replay closes dozens of minutes a second, and an
/// fsync per minute stalled the actor and the thread it ran on. A crash loses at most the last second's display history.
/// </summary>
internal sealed class LiquidationHistoryStore : IDisposable
{
    private readonly LiquidationHistoryBuffer _buffer = new();
    private readonly HeatmapRecordFile<LiqHistoryRecord>? _file;
    private readonly List<LiqHistoryRecord> _pending = [];

    /// <param name="directory">the state dir; null: memory only.</param>
    public LiquidationHistoryStore(string? directory, string baseAsset, Action<string> warn)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(directory);
            _file = HeatmapRecordFiles.LiquidationHistory(directory, baseAsset);
            var load = _file.LoadLast(_buffer.Capacity);
            foreach (var record in load.Records)
            {
                _buffer.TryAdd(record);
            }

            Loaded = _buffer.Count;
            Refused = load.Refused.Values.Sum();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            DiskErrors++;
            warn($"liquidation history file not usable, memory only: {e.Message}");
            _file?.Dispose();
            _file = null;
        }
    }

    public IReadOnlyList<LiqHistoryRecord> Frames => _buffer.Frames;

    public int Count => _buffer.Count;

    public int Loaded { get; }

    public int Refused { get; }

    public long DiskErrors { get; private set; }

    /// <summary>Records kept in memory but not yet written to the file.</summary>
    public int Pending => _pending.Count;

    /// <summary>Adds the snapshot's record when its minute is new; it reaches the file at the next <see cref="Flush"/>.</summary>
    public void Add(HeatmapV2Snapshot snapshot)
    {
        var record = LiquidationHistoryBuffer.ToRecord(snapshot);
        if (record.BucketCount == 0 || !_buffer.TryAdd(record) || _file is null)
        {
            return;
        }

        _pending.Add(record);
    }

    /// <summary>Writes the pending records under one fsync; a failure is counted and warned, the memory history kept.</summary>
    public void Flush(Action<string> warn)
    {
        if (_pending.Count == 0 || _file is null)
        {
            return;
        }

        try
        {
            _file.AppendBatch(_pending);
        }
        catch (IOException e)
        {
            DiskErrors++;
            warn($"liquidation history append failed ({_pending.Count} records): {e.Message}");
        }

        _pending.Clear();
    }

    public void Dispose() => _file?.Dispose();
}
