using ActorBot.Data.MarketData;
using ActorBot.Domain.Bars;
using ActorBot.Domain.ShockFlip;

namespace ActorBot.Domain.Tests.Support;

/// <summary>The committed COIN-M BTCUSD_PERP day (data/binance), read once, plus the pandas reference built from it.</summary>
internal static class CoinMDay
{
    public const string ZipRelative = "data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip";

    private static readonly Lazy<TradeFile> s_file = new(() =>
        AggTradesReader.Read(Path.Combine(TestData.RepoRoot(), ZipRelative), ContractSpec.CoinMargined100Usd));

    private static readonly Lazy<IReadOnlyList<Bar>> s_bars = new(() =>
    {
        var chunks = ResearchTickChunker.Chunk(File.Ticks, ShockFlipParameters.Default.ChunkDays).ToList();
        chunks.Should().ContainSingle("one UTC day is one research chunk");
        return ResearchTickChunker.BuildBars(chunks[0], 0.1);
    });

    private static readonly Lazy<(string[] Header, List<string[]> Rows)> s_reference = new(() =>
        TestData.ReadCsv(TestData.ReadGzipText("research_reference_BTCUSD_PERP_2026-05-08.csv.gz")));

    public static TradeFile File => s_file.Value;

    public static IReadOnlyList<Bar> Bars => s_bars.Value;

    public static (string[] Header, List<string[]> Rows) Reference => s_reference.Value;

    public static double[] ReferenceColumn(string name)
    {
        var (header, rows) = Reference;
        var c = Array.IndexOf(header, name);
        c.Should().BeGreaterThanOrEqualTo(0, $"reference column {name} exists");
        return rows.Select(r => TestData.D(r[c])).ToArray();
    }
}
