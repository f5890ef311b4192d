using ActorBot.Domain.Liquidations.Binary;
using ActorBot.Domain.Liquidations.Heatmap;

namespace ActorBot.Domain.Liquidations.Api;

/// <summary>
/// The V2 heatmap history of one symbol (moonstream SPEC §9.4, §11.3): one record per new minute of snapshot time,
/// the last <see cref="Capacity"/> kept in memory (the ring file keeps them on disk). A record not newer than the last
/// one's minute is refused, as the old buffer did.
/// </summary>
public sealed class LiquidationHistoryBuffer
{
    public const int DefaultCapacity = 720;

    private readonly Queue<LiqHistoryRecord> _frames = new();

    public LiquidationHistoryBuffer(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _frames.Count;

    /// <summary>Oldest first (a copy: the caller may hand it to another thread).</summary>
    public IReadOnlyList<LiqHistoryRecord> Frames => [.. _frames];

    private long LastMinute { get; set; } = long.MinValue;

    /// <summary>Adds the record if its minute is newer than the last one's; false when refused.</summary>
    public bool TryAdd(LiqHistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var minute = (long)Math.Floor(record.Ts / 60.0);
        if (minute <= LastMinute)
        {
            return false;
        }

        LastMinute = minute;
        _frames.Enqueue(record);
        while (_frames.Count > Capacity)
        {
            _frames.Dequeue();
        }

        return true;
    }

    /// <summary>
    /// The snapshot as a §9.4 record: the first ≤ 1000 grid prices, each intensity as <c>clamp(int(v·255), 0, 255)</c>
    /// (a non-finite intensity stores 0).
    /// </summary>
    public static LiqHistoryRecord ToRecord(HeatmapV2Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var n = Math.Min(snapshot.Prices.Count, LiqHistoryRecordCodec.MaxBuckets);
        var longBytes = new byte[LiqHistoryRecordCodec.MaxBuckets];
        var shortBytes = new byte[LiqHistoryRecordCodec.MaxBuckets];
        for (var i = 0; i < n; i++)
        {
            longBytes[i] = ToU8(snapshot.LongIntensity[i]);
            shortBytes[i] = ToU8(snapshot.ShortIntensity[i]);
        }

        return new LiqHistoryRecord
        {
            Ts = snapshot.Ts,
            Src = snapshot.Src,
            PriceMin = n > 0 ? snapshot.Prices[0] : snapshot.PriceMin,
            PriceMax = n > 0 ? snapshot.Prices[n - 1] : snapshot.PriceMax,
            Step = snapshot.Step,
            BucketCount = (uint)n,
            Long = longBytes,
            Short = shortBytes,
        };
    }

    /// <summary>Python's <c>int(v·255)</c> truncates toward zero, then the clamp.</summary>
    public static byte ToU8(double v)
    {
        if (!double.IsFinite(v))
        {
            return 0;
        }

        var scaled = Math.Truncate(v * 255);
        return scaled <= 0 ? (byte)0 : scaled >= 255 ? (byte)255 : (byte)scaled;
    }
}
