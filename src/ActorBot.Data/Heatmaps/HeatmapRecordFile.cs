using ActorBot.Domain.Binary;
using ActorBot.Domain.Liquidations.Binary;
using ActorBot.Domain.OrderBook.Binary;
using ActorBot.Domain.OrderBook.Frames;

namespace ActorBot.Data.Heatmaps;

/// <summary>
/// One symbol's heatmap file of typed 4096-byte records over a <see cref="RingRecordFile"/>: appends encode and fsync,
/// the startup load decodes the last records and counts (never throws on) the ones it must refuse.
/// </summary>
/// <typeparam name="T">The record type: <see cref="ObHeatmapRecord"/> or <see cref="LiqHistoryRecord"/>.</typeparam>
public sealed class HeatmapRecordFile<T> : IDisposable
    where T : class
{
    private readonly Func<ReadOnlySpan<byte>, BinaryDecodeResult<T>> _decode;
    private readonly Action<T, Span<byte>> _encode;
    private readonly RingRecordFile _ring;
    private readonly byte[] _buffer;

    public HeatmapRecordFile(
        RingRecordFile ring,
        Action<T, Span<byte>> encode,
        Func<ReadOnlySpan<byte>, BinaryDecodeResult<T>> decode)
    {
        _ring = ring;
        _encode = encode;
        _decode = decode;
        _buffer = new byte[ring.Options.RecordSize];
    }

    public RingRecordFile Ring => _ring;

    public void Append(T record)
    {
        _encode(record, _buffer);
        _ring.Append(_buffer);
    }

    /// <summary>Encodes the records and appends them with one fsync.</summary>
    public void AppendBatch(IReadOnlyList<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var encoded = new byte[records.Count][];
        for (var i = 0; i < records.Count; i++)
        {
            encoded[i] = new byte[_ring.Options.RecordSize];
            _encode(records[i], encoded[i]);
        }

        _ring.AppendBatch(encoded);
    }

    /// <summary>The last <paramref name="maxRecords"/> records that decode, oldest first, with what was refused and why.</summary>
    public HeatmapLoad<T> LoadLast(int maxRecords)
    {
        var contents = _ring.ReadLast(maxRecords);
        var records = new List<T>(contents.Records.Count);
        var refused = new Dictionary<BinaryDecodeError, int>();
        foreach (var raw in contents.Records)
        {
            var result = _decode(raw);
            if (result.IsOk)
            {
                records.Add(result.Value!);
            }
            else
            {
                refused[result.Error] = refused.GetValueOrDefault(result.Error) + 1;
            }
        }

        return new HeatmapLoad<T>(records, refused, _ring.Stats.TornBytesTruncatedAtOpen);
    }

    public void Dispose() => _ring.Dispose();
}

/// <summary>What a startup load found: the records, the refused ones by reason, the torn bytes cut at open.</summary>
public sealed record HeatmapLoad<T>(IReadOnlyList<T> Records, IReadOnlyDictionary<BinaryDecodeError, int> Refused, long TornBytes);

/// <summary>Opens the per-symbol heatmap files with the SPEC §9 layouts and the old capacities.</summary>
public static class HeatmapRecordFiles
{
    /// <summary><c>ob_heatmap_30s_{SYM}.bin</c>: 4096-byte §9.3 records, 1440 kept (12 h of 30 s frames).</summary>
    public static HeatmapRecordFile<ObHeatmapRecord> OrderBook(string directory, string symbol) => new(
        RingRecordFile.Open(HeatmapFiles.OrderBookFrames(directory, symbol), new RingFileOptions(ObHeatmapRecordCodec.RecordSize, RingFileOptions.OrderBookCapacity)),
        ObHeatmapRecordCodec.Encode,
        ObHeatmapRecordCodec.Decode);

    /// <summary><c>liq_heatmap_v2_{SYM}.bin</c>: 4096-byte §9.4 records, 720 kept (the API's 720 minutes).</summary>
    public static HeatmapRecordFile<LiqHistoryRecord> LiquidationHistory(string directory, string symbol) => new(
        RingRecordFile.Open(HeatmapFiles.LiquidationHistory(directory, symbol), new RingFileOptions(LiqHistoryRecordCodec.RecordSize, RingFileOptions.LiquidationHistoryCapacity)),
        LiqHistoryRecordCodec.Encode,
        LiqHistoryRecordCodec.Decode);

    /// <summary>Appends a frame as its record, statistics extension included.</summary>
    public static void Append(this HeatmapRecordFile<ObHeatmapRecord> file, ObFrame frame) =>
        file.Append(ObHeatmapRecordCodec.FromFrame(frame));
}
