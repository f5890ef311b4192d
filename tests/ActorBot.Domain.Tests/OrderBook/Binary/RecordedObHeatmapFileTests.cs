using ActorBot.Domain.Binary;
using ActorBot.Domain.OrderBook.Binary;

namespace ActorBot.Domain.Tests.OrderBook.Binary;

/// <summary>Every recorded order-book frame file (SPEC §9.3) parses, and every record encodes back to its own bytes.</summary>
public sealed class RecordedObHeatmapFileTests
{
    [Theory]
    [InlineData("ob_heatmap_30s.bin.gz", 223, 1772607240.0, 68458.0, 20.0, 61620.0, 75300.0, 685u, 243426.8793, 1772614890.0, 70977.8499058, 63880.0, 78080.0, 711u, 460705324.61029994)]
    [InlineData("ob_heatmap_30s_ETH.bin.gz", 217, 1772607240.0, 1978.77, 1.0, 1781.0, 2177.0, 397u, 145772.96508499997, 1772614890.0, 2061.95241085, 1856.0, 2268.0, 413u, 291947336.79804003)]
    [InlineData("ob_heatmap_30s_SOL.bin.gz", 255, 1772607240.0, 85.46, 0.1, 76.9, 94.0, 172u, 488843.73905, 1772614890.0, 89.68, 80.7, 98.60000000000001, 180u, 75596003.17310001)]
    public void Every_record_parses_with_the_recorded_headers_and_re_encodes_to_identical_bytes(
        string file,
        int records,
        double firstTs,
        double firstSrc,
        double step,
        double firstMin,
        double firstMax,
        uint firstCount,
        double firstP50,
        double lastTs,
        double lastSrc,
        double lastMin,
        double lastMax,
        uint lastCount,
        double lastTotalAsk)
    {
        var bytes = RecordedBinaryFile.Bytes(file);
        (bytes.Length % ObHeatmapRecordCodec.RecordSize).Should().Be(0);
        (bytes.Length / ObHeatmapRecordCodec.RecordSize).Should().Be(records);

        var decoded = new List<ObHeatmapRecord>();
        var buffer = new byte[ObHeatmapRecordCodec.RecordSize];
        for (var i = 0; i < records; i++)
        {
            var raw = bytes.AsSpan(i * ObHeatmapRecordCodec.RecordSize, ObHeatmapRecordCodec.RecordSize);
            var result = ObHeatmapRecordCodec.Decode(raw);
            result.Error.Should().Be(BinaryDecodeError.None, $"record {i} of {file}");
            var record = result.Value!;
            record.Step.Should().Be(step);
            record.Extension.Should().BeNull("old files have zero padding");
            ObHeatmapRecordCodec.Encode(record, buffer);
            buffer.AsSpan().SequenceEqual(raw).Should().BeTrue($"record {i} of {file} re-encodes to its bytes");
            decoded.Add(record);
        }

        var first = decoded[0];
        (first.Ts, first.Src, first.PriceMin, first.PriceMax, first.PriceCount, first.NormP50)
            .Should().Be((firstTs, firstSrc, firstMin, firstMax, firstCount, firstP50));
        var last = decoded[^1];
        (last.Ts, last.Src, last.PriceMin, last.PriceMax, last.PriceCount, last.TotalAskNotional)
            .Should().Be((lastTs, lastSrc, lastMin, lastMax, lastCount, lastTotalAsk));
        decoded.Select(r => r.Ts).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        decoded.Select(r => r.Bid.ToArray().Skip((int)r.PriceCount).All(b => b == 0) && r.Ask.ToArray().Skip((int)r.PriceCount).All(b => b == 0))
            .Should().AllBeEquivalentTo(true, "intensities past n_prices are zero padding");
    }

    [Fact]
    public void The_recorded_SOL_float_noise_lands_back_on_exact_ticks()
    {
        var bytes = RecordedBinaryFile.Bytes("ob_heatmap_30s_SOL.bin.gz");
        var last = ObHeatmapRecordCodec.Decode(bytes.AsSpan(254 * ObHeatmapRecordCodec.RecordSize)).Value!;

        last.PriceMax.Should().NotBe(98.6, "the old writer kept float noise (SPEC §13 #17)");
        ObHeatmapRecordCodec.MinTickOf(last).Should().Be(807);
        ((ObHeatmapRecordCodec.MinTickOf(last) + last.PriceCount - 1) * 0.1m).Should().Be(98.6m);
    }
}
