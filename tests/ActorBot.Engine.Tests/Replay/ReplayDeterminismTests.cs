using ActorBot.Engine.Replay;

namespace ActorBot.Engine.Tests.Replay;

/// <summary>Two full replays of the bundled day through the actor tree write the same bytes.</summary>
public sealed class ReplayDeterminismTests
{
    [Fact(DisplayName = "Two replays of the bundled day into two folders produce byte-identical bars, events, trades, summary and feature table")]
    public void TwoRunsSameBytes()
    {
        var a = ReplayFixture.TempDir();
        var b = ReplayFixture.TempDir();
        try
        {
            ReplayOutputs.WriteAll(ReplayFixture.Run(ReplayFixture.ShippedConfig()), a, Path.Combine(a, "features.csv"));
            ReplayOutputs.WriteAll(ReplayFixture.Run(ReplayFixture.ShippedConfig() with { BatchMaxTrades = 4096 }), b, Path.Combine(b, "features.csv"));
            var files = new[] { "bars.csv", "events.csv", "trades.csv", "summary.json", "features.csv" };
            Directory.GetFiles(a).Select(Path.GetFileName).Should().BeEquivalentTo(files);
            foreach (var f in files)
            {
                var bytes = File.ReadAllBytes(Path.Combine(a, f));
                bytes.Should().NotBeEmpty();
                bytes.Should().Equal(File.ReadAllBytes(Path.Combine(b, f)), f);
                bytes.Should().NotContain((byte)'\r', $"{f} uses LF line endings");
            }

            ParityComparer.Compare(a, b, 0.0).Equal.Should().BeTrue();
        }
        finally
        {
            Directory.Delete(a, recursive: true);
            Directory.Delete(b, recursive: true);
        }
    }

    [Fact(DisplayName = "The batch size does not change the outputs: 7-trade batches give the same bars, events and trades as 4096-trade batches")]
    public void BatchSizeDoesNotMatter()
    {
        var small = ReplayFixture.Run(ReplayFixture.ShippedConfig() with { BatchMaxTrades = 7 });
        var big = ReplayFixture.ShippedResult;
        ReplayOutputs.Bars(small).Should().Be(ReplayOutputs.Bars(big));
        ReplayOutputs.Events(small).Should().Be(ReplayOutputs.Events(big));
        ReplayOutputs.Trades(small).Should().Be(ReplayOutputs.Trades(big));
        ReplayOutputs.Summary(small).Should().Be(ReplayOutputs.Summary(big));
    }
}
