using System.Globalization;
using ActorBot.Data.MarketData;

namespace ActorBot.Engine.Tests.Replay;

/// <summary>bars.csv from the actor tree against a straightforward, independent computation over the same trades.</summary>
public sealed class ReplayBarsTests
{
    [Fact(DisplayName = "bars.csv equals a LINQ group-by-minute of the bundled day's trades (OHLC and counts exact, quantities within 1e-9 relative)")]
    public void BarsMatchIndependentGroupBy()
    {
        var zip = Path.Combine(ReplayFixture.RepoRoot(), "data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip");
        var trades = AggTradesReader.Read(zip, ContractSpec.CoinMargined100Usd).Ticks;
        var expected = trades
            .GroupBy(t => t.TimestampMs / 60_000 * 60_000)
            .OrderBy(g => g.Key)
            .Select(g => new
            {
                Ts = g.Key,
                Open = g.First().Price,
                High = g.Max(t => t.Price),
                Low = g.Min(t => t.Price),
                Close = g.Last().Price,
                Volume = g.Sum(t => t.Quantity),
                Buy = g.Where(t => !t.IsBuyerMaker).Sum(t => t.Quantity),
                Sell = g.Where(t => t.IsBuyerMaker).Sum(t => t.Quantity),
                Count = g.Count(),
            })
            .ToList();

        var text = ActorBot.Engine.Replay.ReplayOutputs.Bars(ReplayFixture.ShippedResult);
        var lines = text.TrimEnd('\n').Split('\n');
        lines[0].Should().Be("timestamp,open,high,low,close,volume,taker_buy_qty,taker_sell_qty,trades");
        lines.Length.Should().Be(expected.Count + 1);
        for (var i = 0; i < expected.Count; i++)
        {
            var c = lines[i + 1].Split(',');
            var e = expected[i];
            double D(int k) => double.Parse(c[k], CultureInfo.InvariantCulture);
            long.Parse(c[0], CultureInfo.InvariantCulture).Should().Be(e.Ts, $"row {i + 1}");
            D(1).Should().Be(e.Open);
            D(2).Should().Be(e.High);
            D(3).Should().Be(e.Low);
            D(4).Should().Be(e.Close);
            D(5).Should().BeApproximately(e.Volume, 1e-9 * e.Volume);
            D(6).Should().BeApproximately(e.Buy, 1e-9 * Math.Max(e.Buy, 1e-12));
            D(7).Should().BeApproximately(e.Sell, 1e-9 * Math.Max(e.Sell, 1e-12));
            int.Parse(c[8], CultureInfo.InvariantCulture).Should().Be(e.Count);
        }
    }
}
