using System.Text.Json;
using ActorBot.Data.Heatmaps;

namespace ActorBot.Domain.Tests.Heatmaps;

/// <summary>Per-symbol files: no symbol shares a file with another (SPEC §13 #16); stats are replaced atomically.</summary>
public sealed class HeatmapFilesTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("actorbot-stats-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Every_file_is_named_for_its_symbol()
    {
        var names = new[] { "BTC", "ETH", "SOL" }.SelectMany(s => new[]
        {
            HeatmapFiles.OrderBookFrames(_dir.FullName, s),
            HeatmapFiles.LiquidationHistory(_dir.FullName, s),
            HeatmapFiles.Stats(_dir.FullName, "ob_recon_stats", s),
        }).ToList();

        names.Should().OnlyHaveUniqueItems();
        Path.GetFileName(names[0]).Should().Be("ob_heatmap_30s_BTC.bin");
        Path.GetFileName(names[4]).Should().Be("liq_heatmap_v2_ETH.bin");
        Path.GetFileName(names[8]).Should().Be("ob_recon_stats_SOL.json");
    }

    [Theory]
    [InlineData("../BTC")]
    [InlineData("btc")]
    [InlineData("")]
    [InlineData("BTC/ETH")]
    public void A_symbol_that_could_escape_or_collide_is_refused(string symbol) =>
        FluentActions.Invoking(() => HeatmapFiles.OrderBookFrames(_dir.FullName, symbol)).Should().Throw<ArgumentException>();

    [Fact]
    public void Writing_one_symbols_stats_never_touches_anothers_and_leaves_no_temporary_file()
    {
        var btc = new SymbolStatsFile(_dir.FullName, "ob_recon_stats", "BTC");
        var eth = new SymbolStatsFile(_dir.FullName, "ob_recon_stats", "ETH");

        btc.Write(new { best_bid = 70995.5 });
        eth.Write(new { best_bid = 2058.8 });
        eth.Write(new { best_bid = 2059.1 });

        JsonDocument.Parse(btc.TryRead()!).RootElement.GetProperty("best_bid").GetDouble().Should().Be(70995.5);
        JsonDocument.Parse(eth.TryRead()!).RootElement.GetProperty("best_bid").GetDouble().Should().Be(2059.1);
        new SymbolStatsFile(_dir.FullName, "ob_recon_stats", "SOL").TryRead().Should().BeNull();
        _dir.GetFiles("*" + AtomicFile.TemporarySuffix).Should().BeEmpty();
    }
}
