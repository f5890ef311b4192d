using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Api;
using ActorBot.Domain.Liquidations.Binary;
using ActorBot.Domain.OrderBook.Api;

namespace ActorBot.Domain.Tests.Liquidations.Api;

/// <summary>The API's pure shaping rules (moonstream SPEC §9.4, §10.3, §11): symbols, history buffer and grid, V1 norm, OB grid checks.</summary>
public sealed class ApiShapingTests
{
    [Fact(DisplayName = "Symbols: strip, upper, every USDT removed, checked against the configured base assets, listed in the error")]
    public void Symbols()
    {
        var symbols = new ApiSymbols(["BTCUSD_PERP", "ETHUSDT", "BTCUSDT"]);
        symbols.Bases.Should().Equal("BTC", "ETH");
        symbols.Resolve(" btcusdt ", out _).Should().Be("BTC");
        symbols.SymbolOf("BTC").Should().Be("BTCUSD_PERP", "the first configured symbol of a base serves it");
        symbols.Resolve("SOL", out var error).Should().BeNull();
        error.Should().Be("Invalid symbol 'SOL'. Valid symbols: BTC, ETH");
        symbols.Resolve("BTCBTCBTCBTC", out _).Should().BeNull("longer than 10");
        symbols.Resolve("USDT", out _).Should().BeNull("empty after the strip");
    }

    [Fact(DisplayName = "History buffer: one record per new minute, 720 kept, u8 = clamp(int(v·255)) truncating like Python")]
    public void HistoryBuffer()
    {
        var buffer = new LiquidationHistoryBuffer(3);
        Record(60.5).Should().NotBeNull();
        buffer.TryAdd(Record(60.5)).Should().BeTrue();
        buffer.TryAdd(Record(119.9)).Should().BeFalse("same minute");
        buffer.TryAdd(Record(30)).Should().BeFalse("older");
        foreach (var ts in new[] { 120.0, 180, 240 })
        {
            buffer.TryAdd(Record(ts)).Should().BeTrue();
        }

        buffer.Frames.Select(f => f.Ts).Should().Equal(120.0, 180, 240);
        LiquidationHistoryBuffer.ToU8(0.999).Should().Be(254);
        LiquidationHistoryBuffer.ToU8(1.5).Should().Be(255);
        LiquidationHistoryBuffer.ToU8(-0.2).Should().Be(0);
        LiquidationHistoryBuffer.ToU8(double.NaN).Should().Be(0);
    }

    [Fact(DisplayName = "History grid: union of bounds and src ± 8 %, by index; frames snapped by price; empty history keeps the symbol's own step")]
    public void HistoryGrid()
    {
        var a = Record(60, priceMin: 100, step: 10, n: 3, value: 200);
        var b = Record(120, priceMin: 120, step: 10, n: 3, value: 100);
        var body = LiqHistoryGrid.Build([a, b], 720, 1, null, 10, "X");
        body.Prices.Should().Equal(100.0, 110, 120, 130, 140);
        body.T.Should().Equal(60_000, 120_000);
        body.Long.Should().Equal((byte)200, 200, 200, 0, 0, 0, 0, 100, 100, 100);

        LiqHistoryGrid.Build([a, b], 720, 2, null, 10, "X").T.Should().Equal(60_000L);
        LiqHistoryGrid.Build([a, b], 1, 1, null, 10, "X").T.Should().Equal(120_000L);
        var empty = LiqHistoryGrid.Build([], 720, 1, null, 0.1, "SOL");
        empty.Step.Should().Be(0.1, "SPEC §13 #12: not 20 for every symbol");
        empty.Prices[0].Should().Be(50.0);
        empty.Prices[^1].Should().Be(400.0);
        empty.Prices.Should().HaveCount(3501);
        LiqHistoryGrid.Build([], 720, 1, (100, 1), 20, "BTC").Prices.Should().Equal(Enumerable.Range(92, 17).Select(x => (double)x));
    }

    [Fact(DisplayName = "V1 norm: 5-tap smoothing renormalised at the edges, p50/p95 of positives, ≤ 0.1 cut, 4 dp")]
    public void V1Norm()
    {
        HeatmapV1Builder.Smooth([0, 0, 1, 0, 0]).Should().Equal([0.1 / 0.7, 0.2 / 0.9, 0.4, 0.2 / 0.9, 0.1 / 0.7], (x, y) => Math.Abs(x - y) < 1e-12, "each value over its in-range weights");
        HeatmapV1Builder.Smooth([1, 0, 0, 0, 0])[0].Should().BeApproximately(0.4 / 0.7, 1e-12, "the in-range weights at the edge");
        HeatmapV1Builder.Smooth([1, 2]).Should().Equal([1.0, 2.0], "fewer than 5: unsmoothed");
        HeatmapV1Builder.Percentiles([0, -1]).Should().Be((0, 1));
        HeatmapV1Builder.Percentiles([0.2, 0.2]).Should().Be((0.2, 0.21000000000000002), "p95 ≤ p50 → p50 + 0.01");
        HeatmapV1Builder.Norm(0.5, 0, 1).Should().Be(0.5);
        HeatmapV1Builder.Norm(0.1, 0, 1).Should().Be(0, "≤ 0.1 after the norm is cut");
        HeatmapV1Builder.Norm(0.123456, 0, 1).Should().Be(0.1235);
        HeatmapV1Builder.Norm(-1, 0, 1).Should().Be(0);
    }

    [Fact(DisplayName = "Order-book grid checks in the old wording; the median is Python's statistics.median")]
    public void OrderBookGrid()
    {
        ObApiGrid.CheckGrid(0, null, null).Should().Be("step must be positive");
        ObApiGrid.CheckGrid(double.NaN, null, null).Should().Be("step must be positive");
        ObApiGrid.CheckGrid(1, 10, 10).Should().Be("price_max must be greater than price_min");
        ObApiGrid.CheckGrid(1, 0, 9999).Should().BeNull("10,000 buckets is the limit");
        ObApiGrid.CheckGrid(1, 0, 10000).Should().Be("grid too large: 10001 buckets exceeds limit of 10000");
        ObApiGrid.CheckRange(0).Should().NotBeNull();
        ObApiGrid.CheckRange(1).Should().BeNull();
        ObApiGrid.Median([3, 1, 2]).Should().Be(2);
        ObApiGrid.Median([4, 1, 2, 3]).Should().Be(2.5);
        ObGrid.Between(63_890, 78_070, 20).Should().Be(new ObGrid(3194, 711, 20), "bounds rounded to the step, half to even (3903.5 → 3904): the recorded 711 prices 63880..78080");
    }

    [Fact(DisplayName = "Event buffer: 12,000 kept, ts > since_ts, then the last limit, oldest first")]
    public void Events()
    {
        var buffer = new LiquidationEventBuffer(5);
        for (var i = 1; i <= 8; i++)
        {
            buffer.Add(new LiquidationEvent("binance-usdm", "BTCUSDT", LiquidationSide.Long, 100, 1, i));
        }

        buffer.Count.Should().Be(5);
        buffer.Query(0, 10).Select(e => e.TimestampMs).Should().Equal(4, 5, 6, 7, 8);
        buffer.Query(5, 2).Select(e => e.TimestampMs).Should().Equal(7, 8);
        new LiquidationEventBuffer().Capacity.Should().Be(12_000);
    }

    private static LiqHistoryRecord Record(double ts, double priceMin = 100, double step = 10, uint n = 3, byte value = 1)
    {
        var l = new byte[LiqHistoryRecordCodec.MaxBuckets];
        Array.Fill(l, value, 0, (int)n);
        return new LiqHistoryRecord
        {
            Ts = ts,
            Src = priceMin + step,
            PriceMin = priceMin,
            PriceMax = priceMin + ((n - 1) * step),
            Step = step,
            BucketCount = n,
            Long = l,
            Short = new byte[LiqHistoryRecordCodec.MaxBuckets],
        };
    }
}
