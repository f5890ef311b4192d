using System.Text.Json;
using ActorBot.Venues.Binance.Recordings;

namespace ActorBot.Venues.Tests.Cli;

public sealed class BookReplayCommandTests
{
    [Fact(DisplayName = "book replay prints one JSON object with the top-N book and the counters")]
    public void PrintsJson()
    {
        var (code, stdout, stderr) = Run("BTCUSDT", [TestData.BtcDay1, TestData.BtcDay2], 5);

        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        root.GetProperty("symbol").GetString().Should().Be("BTCUSDT");
        root.GetProperty("lastUpdateId").GetInt64().Should().Be(2_710_266_851_462);
        root.GetProperty("gaps").GetInt64().Should().Be(0);
        root.GetProperty("resyncs").GetInt64().Should().Be(0);
        root.GetProperty("applied").GetInt64().Should().Be(16_110);
        root.GetProperty("dropped").GetInt64().Should().Be(0);
        var bids = root.GetProperty("bids").EnumerateArray().Select(l => decimal.Parse(l[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var asks = root.GetProperty("asks").EnumerateArray().Select(l => decimal.Parse(l[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        bids.Should().HaveCount(5).And.BeInDescendingOrder();
        asks.Should().HaveCount(5).And.BeInAscendingOrder();
        bids[0].Should().BeLessThan(asks[0]);
    }

    [Fact(DisplayName = "book replay exits 2 naming the file when a recording cannot be read")]
    public void UnreadableFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-recording.gz");
        var (code, stdout, stderr) = Run("BTCUSDT", [missing], 5);
        code.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().Contain(missing);
    }

    [Fact(DisplayName = "book replay exits 2 when no recording holds a snapshot for the symbol")]
    public void NoSnapshot()
    {
        var (code, _, stderr) = Run("BTCUSDT", [TestData.BtcDay2], 5);
        code.Should().Be(2);
        stderr.Should().Contain("no REST depth snapshot for BTCUSDT");

        Run("ETHUSDT", [TestData.BtcDay1], 5).Code.Should().Be(2);
    }

    private static (int Code, string Stdout, string Stderr) Run(string symbol, string[] files, int depth)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = BookReplayReport.Run(symbol, files, depth, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
