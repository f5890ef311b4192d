using ActorBot.Domain.OrderBook.Frames;

namespace ActorBot.Domain.OrderBook.Binary;

/// <summary>
/// A frame as read back from its §9.3 record (the startup reload, and /book's history, which holds records rather
/// than frames: 2 KB a frame instead of 18 KB). The record keeps the u8 intensities, p50/p95, totals and (with the
/// extension) every statistic; the per-bucket notionals are the §9.3 read rule's estimate
/// (<see cref="ObHeatmapRecordCodec.ApproximateNotional"/>), as the old buffer served them after a restart.
/// Not stored, so not restored: whether the grid was cut (<see cref="ObFrame.Truncated"/> false) and the book update
/// id (0).
/// </summary>
public static class ObFrameFromRecord
{
    public static ObFrame ToFrame(string symbol, ObHeatmapRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var n = (int)record.PriceCount;
        var bidU8 = record.Bid[..n].ToArray();
        var askU8 = record.Ask[..n].ToArray();
        var x = record.Extension;
        return new ObFrame
        {
            Symbol = symbol,
            TsSeconds = (long)record.Ts,
            BoundaryUnixMs = ((long)record.Ts + ObFrameOptions.SlotSeconds) * 1000,
            Src = Dec(record.Src),
            Step = (decimal)record.Step,
            MinTick = ObHeatmapRecordCodec.MinTickOf(record),
            PriceCount = n,
            Truncated = false,
            BidNotional = Approximate(bidU8, record.NormP50, record.NormP95),
            AskNotional = Approximate(askU8, record.NormP50, record.NormP95),
            BidU8 = bidU8,
            AskU8 = askU8,
            Norm = new ObNormStats(record.NormP50, x?.NormP90 ?? 0, record.NormP95, x?.NormP99 ?? 0, x?.NormMax ?? 0),
            Bid = x is { } b ? new ObSideStats(b.BidP50, b.BidP95, b.BidMax) : default,
            Ask = x is { } a ? new ObSideStats(a.AskP50, a.AskP95, a.AskMax) : default,
            TotalBidNotional = Dec(record.TotalBidNotional),
            TotalAskNotional = Dec(record.TotalAskNotional),
            BookUpdateId = 0,
        };
    }

    // A file may hold any bytes: a value decimal cannot hold (NaN, ±inf, beyond ±7.9e28) reads as 0, never throws.
    private static decimal Dec(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 7.9e27 ? (decimal)value : 0m;

    private static double[] Approximate(byte[] u8, double p50, double p95)
    {
        var values = new double[u8.Length];
        for (var i = 0; i < u8.Length; i++)
        {
            values[i] = ObHeatmapRecordCodec.ApproximateNotional(u8[i], p50, p95);
        }

        return values;
    }
}
