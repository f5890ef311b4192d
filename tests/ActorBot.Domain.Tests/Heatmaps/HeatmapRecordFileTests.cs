using ActorBot.Data.Heatmaps;
using ActorBot.Domain.Binary;
using ActorBot.Domain.Liquidations.Binary;
using ActorBot.Domain.OrderBook.Binary;
using ActorBot.Domain.OrderBook.Frames;
using ActorBot.Domain.Tests.OrderBook.Frames;

namespace ActorBot.Domain.Tests.Heatmaps;

/// <summary>Typed per-symbol files: a restart serves the same frame statistics (SPEC §13 #17); bad records are counted.</summary>
public sealed class HeatmapRecordFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("actorbot-heatmap-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Frames_survive_a_restart_with_every_statistic_the_API_serves()
    {
        var accumulator = new ObFrameAccumulator(new ObFrameOptions("BTCUSDT", 20m));
        var sync = FrameBooks.Btc();
        var frames = new[]
        {
            accumulator.TakeFrame(sync, 70000m, FrameBooks.Boundary).Frame!,
            accumulator.TakeFrame(sync, 70010m, FrameBooks.Boundary + 30_000).Frame!,
        };
        using (var file = HeatmapRecordFiles.OrderBook(_dir.FullName, "BTC"))
        {
            foreach (var frame in frames)
            {
                file.Append(frame);
            }
        }

        using var reopened = HeatmapRecordFiles.OrderBook(_dir.FullName, "BTC");
        var load = reopened.LoadLast(RingFileOptions.OrderBookCapacity);

        load.Records.Should().HaveCount(2);
        load.Refused.Should().BeEmpty();
        var last = load.Records[^1];
        last.Ts.Should().Be(frames[1].TsSeconds);
        last.Extension!.Value.NormP99.Should().Be(frames[1].Norm.P99, "p99 no longer reads back as 0 after a restart");
        last.Extension!.Value.AskMax.Should().Be(frames[1].Ask.Max);
        using var eth = HeatmapRecordFiles.OrderBook(_dir.FullName, "ETH");
        eth.Ring.RecordCount.Should().Be(0, "ETH has its own file");
    }

    [Fact]
    public void Records_that_cannot_be_decoded_are_counted_by_reason_and_skipped()
    {
        var path = HeatmapFiles.LiquidationHistory(_dir.FullName, "SOL");
        var good = LiqHistoryRecordCodec.Encode(LiqHistoryRecordCodec.FromIntensities(1772506260.03, 86.03, 77.4, 94.6, 0.1, [0.5], [0.25]));
        using (var raw = File.Create(path))
        {
            raw.Write(good);
            raw.Write(new byte[4096]); // ts 0: the old loader skipped these too
            raw.Write(good);
        }

        using var file = HeatmapRecordFiles.LiquidationHistory(_dir.FullName, "SOL");
        var load = file.LoadLast(RingFileOptions.LiquidationHistoryCapacity);

        load.Records.Should().HaveCount(2);
        load.Refused.Should().Equal(new Dictionary<BinaryDecodeError, int> { [BinaryDecodeError.BadTimestamp] = 1 });
    }
}
