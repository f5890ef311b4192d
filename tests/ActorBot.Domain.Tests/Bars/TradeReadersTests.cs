using ActorBot.Data.MarketData;
using ActorBot.Domain.Bars;
using ActorBot.Domain.Tests.Support;

namespace ActorBot.Domain.Tests.Bars;

public sealed class TradeReadersTests
{
    [Fact(DisplayName = "COIN-M quantities in 100-USD contracts become BTC: qty x 100 / price")]
    public void InverseContracts()
    {
        var first = CoinMDay.File.Ticks[0];
        // 480537903,79972.8,542.0,...,1778198400020,false
        first.Should().Be(new TradeTick(1778198400020, 79972.8, 100.0 * 542.0 / 79972.8, false, 480537903));
        ContractSpec.Linear.BaseQuantity(0.006, 61800.3).Should().Be(0.006);
    }

    [Fact(DisplayName = "The USD-M raw recording yields its 21,313 MARKET @trade frames in exchange time, and bars from them close by minute")]
    public void RawRecording()
    {
        var result = RawTradeRecordingReader.Read(Path.Combine(TestData.RepoRoot(), "data/binance/btcusdt_20240808_trades.gz"), "BTCUSDT");
        result.Ticks.Should().HaveCount(21_313);
        result.Malformed.Should().Be(0);
        result.Ticks[0].Should().Be(new TradeTick(1723161256322, 61800.30, 0.006, false, 5266583935));
        var builder = new MinuteBarBuilder();
        var bars = result.Ticks.Select(t => builder.OnTrade(t, out _)).OfType<Bar>().ToList();
        bars.Should().NotBeEmpty();
        bars.Sum(b => b.TradeCount).Should().Be(result.Ticks.Count(t => t.TimestampMs < bars[^1].CloseTimeMs));
        bars.Should().OnlyContain(b => b.BuyQty + b.SellQty > 0 && b.Low <= b.Open && b.Open <= b.High && b.Low <= b.Close && b.Close <= b.High);
    }

    [Fact(DisplayName = "Non-MARKET trades, other streams and malformed lines are counted, not kept")]
    public void RawFilters()
    {
        const string market = """1 {"stream":"btcusdt@trade","data":{"e":"trade","E":1,"T":1000,"s":"BTCUSDT","t":7,"p":"100.5","q":"0.010","X":"MARKET","m":true}}""";
        var text = string.Join('\n',
            market,
            market.Replace("\"MARKET\"", "\"INSURANCE_FUND\""),
            """2 {"stream":"btcusdt@bookTicker","data":{}}""",
            """3 {"stream":"btcusdt@trade","data":{"p":"x"}}""",
            "garbage");
        var r = RawTradeRecordingReader.Parse(new StringReader(text), "BTCUSDT");
        r.Ticks.Should().ContainSingle().Which.Should().Be(new TradeTick(1000, 100.5, 0.010, true, 7));
        (r.NonMarket, r.OtherStreams, r.Malformed).Should().Be((1, 1, 2));
    }

    [Fact(DisplayName = "A missing trade file is a clear DataFormatException naming the path")]
    public void MissingFile()
    {
        var act = () => AggTradesReader.Read("/nonexistent/x.zip", ContractSpec.Linear);
        act.Should().Throw<DataFormatException>().WithMessage("/nonexistent/x.zip: file not found.");
    }

    [Fact(DisplayName = "Microsecond and nanosecond aggTrades timestamps are detected from the file's largest value and converted to ms")]
    public void TimestampUnits()
    {
        const string us = "1,100.0,2.0,1,1,1746057600123456,true\n2,101.0,1.0,2,2,1746057600999999,false";
        var file = AggTradesReader.Parse(new StringReader(us), ContractSpec.Linear);
        file.Ticks.Select(t => t.TimestampMs).Should().Equal(1746057600123, 1746057600999);
        const string ns = "1,100.0,2.0,1,1,1746057600123456789,true";
        AggTradesReader.Parse(new StringReader(ns), ContractSpec.Linear).Ticks[0].TimestampMs.Should().Be(1746057600123);
        const string ms = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n1,100.0,2.0,1,1,1746057600123,1\nbad,row";
        var parsed = AggTradesReader.Parse(new StringReader(ms), ContractSpec.Linear);
        parsed.Ticks.Should().ContainSingle().Which.Should().Be(new TradeTick(1746057600123, 100.0, 2.0, true, 1));
        (parsed.SkippedHeaderOrNonNumeric, parsed.SkippedMalformed).Should().Be((1, 1));
    }
}
