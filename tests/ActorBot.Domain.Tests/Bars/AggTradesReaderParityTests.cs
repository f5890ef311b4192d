using System.IO.Compression;
using System.Text;
using ActorBot.Data.MarketData;
using ActorBot.Domain.Bars;
using ActorBot.Domain.Tests.Support;
using ActorBot.TestSupport;

namespace ActorBot.Domain.Tests.Bars;

/// <summary>
/// The shipped aggTrades reader (Sep) against the former one (ReadLine + Split): the same trades, bit for bit,
/// and the same skip counts, on the bundled day and on every row shape the former reader handled.
/// </summary>
public sealed class AggTradesReaderParityTests
{
    private const string Header = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker";

    [Fact(DisplayName = "On the bundled COIN-M day both readers yield the same 105,280 trades bit for bit")]
    public void BundledDay()
    {
        var zip = Path.Combine(TestData.RepoRoot(), CoinMDay.ZipRelative);

        var shipped = AggTradesReader.Read(zip, ContractSpec.CoinMargined100Usd);
        var baseline = LineSplitAggTradesReader.Read(zip, ContractSpec.CoinMargined100Usd);

        shipped.Ticks.Should().HaveCount(105_280);
        AssertSame(shipped, baseline);
    }

    [Theory(DisplayName = "Header or not, line endings, blank lines, 7 or 8 columns and bad rows read the same in both")]
    [InlineData(Header + "\n1,100.5,2.0,1,1,1746057600123,true\n2,100.6,1.5,2,3,1746057600124,false\n")]
    [InlineData("1,100.5,2.0,1,1,1746057600123,true\r\n2,100.6,1.5,2,3,1746057600124,False\r\n")]
    [InlineData(Header + ",is_best_match\r\n1,100.5,2.0,1,1,1746057600123,true,true\r2,100.6,1.5,2,3,1746057600124,1,true")]
    [InlineData("\n\n1,100.5,2.0,1,1,1746057600123, TRUE \n\n  \n2,0,1.5,2,3,1746057600124,false\n3,-1,1,3,3,1746057600125,0\n")]
    [InlineData("1,NaN,2.0,1,1,1746057600123,true\n2,Infinity,1,2,2,1746057600124,true\n3,1e3,2.5E-3,3,3,1746057600125,1\n")]
    [InlineData("x,100.5,2.0,1,1,1746057600123,true\n1,abc,2.0,1,1,1746057600123,true\n2,100,2,1,1,17460576001xx,true\nshort,row\n")]
    [InlineData("\"1\",\"100.5\",2.0,1,1,1746057600123,true\n2,100.5,2.0,1,1,+1746057600126,\"true\"\n3, 100.5 ,2.0,1,1, 1746057600127 ,true\n")]
    [InlineData("1,100.5,2.0,1,1,1746057600123456,true\n2,100.6,1.5,2,3,1746057600124999,false\n")]
    [InlineData("1,100.5,2.0,1,1,1746057600123456789,true\n")]
    [InlineData("")]
    public void RowShapes(string text)
    {
        var shipped = AggTradesReader.Parse(new StringReader(text), ContractSpec.Linear);
        var baseline = LineSplitAggTradesReader.Parse(new StringReader(text), ContractSpec.Linear);

        AssertSame(shipped, baseline);
    }

    [Fact(DisplayName = "Seeded random rows, good and broken, read the same in both readers")]
    public void RandomRows()
    {
        var random = new Random(20260508);
        string[] prices = ["100.5", "0.1", "79972.8", "1e-3", "-2", "0", "NaN", "abc", "", " 5 ", "1.7976931348623157E+309", "3.14159265358979323846"];
        string[] sides = ["true", "false", "1", "0", "TRUE", " true", "x", ""];
        var text = new StringBuilder();
        for (var i = 0; i < 5_000; i++)
        {
            var cols = new List<string>
            {
                random.Next(10) == 0 ? "id" : i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                prices[random.Next(prices.Length)],
                prices[random.Next(prices.Length)],
                "1",
                "2",
                (1_746_057_600_000L + random.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                sides[random.Next(sides.Length)],
            };
            var keep = random.Next(12) switch { 0 => random.Next(1, 7), 1 => 8, _ => 7 };
            text.Append(string.Join(',', cols.Concat(["true"]).Take(keep))).Append(random.Next(5) == 0 ? "\r\n" : "\n");
        }

        var shipped = AggTradesReader.Parse(new StringReader(text.ToString()), ContractSpec.CoinMargined100Usd);
        var baseline = LineSplitAggTradesReader.Parse(new StringReader(text.ToString()), ContractSpec.CoinMargined100Usd);

        AssertSame(shipped, baseline);
        (shipped.SkippedHeaderOrNonNumeric + shipped.SkippedMalformed).Should().BeGreaterThan(0);
    }

    [Fact(DisplayName = "A zip holding one CSV with a header reads the same in both; a zip without a CSV and a missing file are the same typed errors")]
    public void ZipAndErrors()
    {
        var dir = Directory.CreateTempSubdirectory("aggtrades-");
        try
        {
            var zip = Path.Combine(dir.FullName, "day.zip");
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                using var writer = new StreamWriter(archive.CreateEntry("day.csv").Open());
                writer.Write(Header + "\n1,100.5,2.0,1,1,1746057600123,true\n2,100.6,1.5,2,3,1746057600124,false\n");
            }

            AssertSame(AggTradesReader.Read(zip, ContractSpec.Linear), LineSplitAggTradesReader.Read(zip, ContractSpec.Linear));

            var empty = Path.Combine(dir.FullName, "empty.zip");
            using (var archive = ZipFile.Open(empty, ZipArchiveMode.Create))
            {
                archive.CreateEntry("readme.txt");
            }

            foreach (var path in new[] { empty, Path.Combine(dir.FullName, "missing.csv") })
            {
                var shipped = () => AggTradesReader.Read(path, ContractSpec.Linear);
                var baseline = () => LineSplitAggTradesReader.Read(path, ContractSpec.Linear);
                var expected = baseline.Should().Throw<DataFormatException>().Which.Message;
                shipped.Should().Throw<DataFormatException>().WithMessage(expected);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void AssertSame(TradeFile shipped, TradeFile baseline)
    {
        (shipped.SkippedHeaderOrNonNumeric, shipped.SkippedMalformed).Should().Be((baseline.SkippedHeaderOrNonNumeric, baseline.SkippedMalformed));
        shipped.Ticks.Should().HaveCount(baseline.Ticks.Count);
        for (var i = 0; i < shipped.Ticks.Count; i++)
        {
            Bits(shipped.Ticks[i]).Should().Be(Bits(baseline.Ticks[i]), $"trade {i}");
        }
    }

    /// <summary>Doubles by their bits: equal values with different bits (0.0 and -0.0) must not pass.</summary>
    private static (long, long, long, bool, long) Bits(TradeTick t) =>
        (t.TimestampMs, BitConverter.DoubleToInt64Bits(t.Price), BitConverter.DoubleToInt64Bits(t.Quantity), t.IsBuyerMaker, t.TradeId);
}
