using ActorBot.Engine.Replay;

namespace ActorBot.Engine.Tests.Replay;

/// <summary>The YAML strategy config: the shipped file's values, and clear errors for bad files.</summary>
public sealed class ReplayConfigTests : IDisposable
{
    private readonly string _dir = ReplayFixture.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact(DisplayName = "The shipped config names the bundled COIN-M day, causal features, the strategy barriers and its own min_prob of 0.5")]
    public void ShippedConfig()
    {
        var c = ReplayFixture.ShippedConfig();
        c.Symbol.Should().Be("BTCUSD_PERP");
        c.Format.Should().Be(TradeFileFormat.AggTrades);
        c.Contract.Should().Be("inverse-100usd");
        c.DataFiles.Should().ContainSingle().Which.Should().EndWith("BTCUSD_PERP-aggTrades-2026-05-08.zip");
        File.Exists(c.DataFiles[0]).Should().BeTrue();
        c.Geometry.Name.Should().Be("strategy");
        c.MinProb.Should().Be(0.5);
        c.Detector.ZBand.Should().Be(1.2);
        c.Detector.JumpBand.Should().Be(1.5);
        c.Fills.TakerFeeBps.Should().Be(5.0);
    }

    [Fact(DisplayName = "An unknown key is refused with its name and line")]
    public void UnknownKey()
    {
        var path = Write(ShippedText().Replace("routing:\n", "routing:\n  min_probability: 0.4\n"));
        var act = () => ReplayConfig.Load(path);
        act.Should().Throw<ReplayConfigException>().WithMessage("*routing.min_probability (line *unknown key*");
    }

    [Fact(DisplayName = "Broken YAML is refused with the line of the error")]
    public void BrokenYaml()
    {
        var path = Write("symbol: BTCUSDT\ndata: [unclosed\n");
        var act = () => ReplayConfig.Load(path);
        act.Should().Throw<ReplayConfigException>().WithMessage("*invalid YAML at line*");
    }

    [Fact(DisplayName = "A missing data file, a missing min_prob, a non-number and an out-of-range min_prob are refused, naming the field")]
    public void BadValues()
    {
        var shipped = ShippedText();
        var cases = new[]
        {
            (shipped.Replace("BTCUSD_PERP-aggTrades-2026-05-08.zip", "nope.zip"), "*data file*nope.zip not found*"),
            (shipped.Replace("  min_prob: 0.5\n", string.Empty), "*routing.min_prob' is missing*"),
            (shipped.Replace("min_prob: 0.5", "min_prob: high"), "*routing.min_prob*'high' is not a number*"),
            (shipped.Replace("min_prob: 0.5", "min_prob: 1.5"), "*routing.min_prob 1.5 must be within [0, 1]*"),
            (shipped.Replace("preset: strategy", "preset: wild"), "*Unknown barrier preset 'wild'*"),
            (shipped.Replace("mode: causal", "mode: research"), "*features.mode*offline parity only*"),
        };
        foreach (var (text, message) in cases)
        {
            var path = Write(text);
            var act = () => ReplayConfig.Load(path);
            act.Should().Throw<ReplayConfigException>().WithMessage(message);
        }

        var missing = () => ReplayConfig.Load(Path.Combine(_dir, "absent.yaml"));
        missing.Should().Throw<ReplayConfigException>().WithMessage("*config file not found*");
    }

    [Fact(DisplayName = "A raw @trade WebSocket recording replays through the same tree: bars equal the reader's MARKET trades grouped by minute")]
    public void RawRecording()
    {
        var recording = Path.Combine(ReplayFixture.RepoRoot(), "data/binance/btcusdt_20240808_trades.gz");
        var text = ShippedText()
            .Replace("symbol: BTCUSD_PERP", "symbol: BTCUSDT")
            .Replace("format: aggtrades", "format: raw_trades")
            .Replace("contract: inverse-100usd", "contract: linear");
        var config = ReplayConfig.Load(Write(text)) with { DataFiles = [recording] };
        var result = ReplayFixture.Run(config.Validate());
        var ticks = Data.MarketData.RawTradeRecordingReader.Read(recording, "BTCUSDT").Ticks;
        result.Input.Ticks.Length.Should().Be(ticks.Count).And.BePositive();
        result.Records.Bars.Sum(b => b.TradeCount).Should().Be(ticks.Count);
        result.Records.Bars.Select(b => b.OpenTimeMs).Should().Equal(ticks.Select(t => t.TimestampMs / 60_000 * 60_000).Distinct().Order());
    }

    // Relative paths in the shipped file point from configs/ to the repository; keep them valid from the temp folder.
    private string ShippedText() =>
        File.ReadAllText(ReplayFixture.ConfigPath).Replace("../", ReplayFixture.RepoRoot() + "/");

    private string Write(string text)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, text);
        return path;
    }
}
