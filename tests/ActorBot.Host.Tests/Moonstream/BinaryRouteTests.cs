using System.Net;
using System.Text.Json;
using ActorBot.Domain.OrderBook.Binary;

namespace ActorBot.Host.Tests.Moonstream;

/// <summary><c>format=bin</c> (SPEC §9.5) on frames of the real recorded BTCUSDT book: header, layout, headers.</summary>
public sealed class BinaryRouteTests : RouteFixture
{
    [Fact(DisplayName = "/orderbook_heatmap?format=bin: 64-byte header, the latest frame's native bid then ask bytes, X- headers")]
    public async Task SingleFrame()
    {
        var frame = Data["BTCUSDT"].Frames![^1];
        var r = await Get("/orderbook_heatmap?symbol=BTC&format=bin");
        r.Status.Should().Be(HttpStatusCode.OK);
        r.Response.Content.Headers.ContentType!.MediaType.Should().Be("application/octet-stream");
        var bytes = await r.Response.Content.ReadAsByteArrayAsync();
        bytes.Length.Should().Be(64 + (2 * frame.PriceCount));
        bytes[0].Should().Be(1);
        bytes[1].Should().Be(0);
        var body = ObApiBinaryCodec.Decode(bytes).Value!;
        body.IsHistory.Should().BeFalse();
        body.Header.FrameTsMs.Should().Be((ulong)(frame.TsSeconds * 1000));
        body.Header.IntervalMs.Should().Be(30_000u);
        body.Header.Rows.Should().Be(1);
        body.Header.Cols.Should().Be((ushort)frame.PriceCount);
        body.Header.PriceMin.Should().Be((double)frame.PriceMin);
        body.Header.Step.Should().Be(20.0);
        body.Header.P95.Should().Be(ObApiBinaryCodec.UsdToU16(frame.Norm.P95));
        body.Bid.ToArray().Should().Equal(frame.BidU8.ToArray());
        body.Ask.ToArray().Should().Equal(frame.AskU8.ToArray());
        frame.BidU8.ToArray().Should().Contain(b => b > 0, "the real book fills the grid");
        Header(r.Response, "X-Frame-Ts-Ms").Should().Be((frame.TsSeconds * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Header(r.Response, "X-Frame-Interval-Ms").Should().Be("30000");
        Header(r.Response, "X-Data-Is-Stale").Should().Be("false");
        Header(r.Response, "X-Server-Send-Ts-Ms").Should().Be(NowMs.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var json = JsonDocument.Parse((await Get("/orderbook_heatmap?symbol=BTC")).Body).RootElement;
        json.GetProperty("bid_u8").EnumerateArray().Select(e => (byte)e.GetInt32()).Should().Equal(body.Bid.ToArray(), "JSON and binary carry the same frame");
    }

    [Fact(DisplayName = "SPEC §13 #14: range_pct crops the frame to src ± range, and a requested grid applies to format=bin too")]
    public async Task RangeAndGridAreApplied()
    {
        var frame = Data["BTCUSDT"].Frames![^1];
        var full = JsonDocument.Parse((await Get("/orderbook_heatmap?symbol=BTC")).Body).RootElement;
        var narrow = JsonDocument.Parse((await Get("/orderbook_heatmap?symbol=BTC&range_pct=0.002")).Body).RootElement;
        var src = narrow.GetProperty("src").GetDouble();
        var prices = narrow.GetProperty("prices").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        prices.Length.Should().BeGreaterThan(0).And.BeLessThan(full.GetProperty("prices").GetArrayLength(), "the old server ignored range_pct");
        prices.Should().OnlyContain(p => Math.Abs(p - src) <= (src * 0.002) + 20.0, "every price lies within src ± 0.2 % (one step of slack)");
        narrow.GetProperty("bid_u8").GetArrayLength().Should().Be(prices.Length);

        var min = (double)frame.PriceMin + 100;
        var r = await Get($"/orderbook_heatmap?symbol=BTC&format=bin&step=10&price_min={min.ToString(System.Globalization.CultureInfo.InvariantCulture)}&price_max={(min + 500).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        r.Status.Should().Be(HttpStatusCode.OK);
        var body = ObApiBinaryCodec.Decode(await r.Response.Content.ReadAsByteArrayAsync()).Value!;
        body.Header.Step.Should().Be(10.0, "the old server answered format=bin on the frame's native grid whatever was asked");
        body.Header.PriceMin.Should().Be(min);
        body.Header.Cols.Should().Be((ushort)51, "(max − min) / step + 1 buckets");
    }

    [Fact(DisplayName = "/orderbook_heatmap_history?format=bin: rows·cols bid, then ask, then u64 ts per row; median percentiles; X- headers")]
    public async Task History()
    {
        var frames = Data["BTCUSDT"].Frames!;
        var r = await Get("/orderbook_heatmap_history?symbol=BTC&format=bin");
        r.Status.Should().Be(HttpStatusCode.OK);
        var bytes = await r.Response.Content.ReadAsByteArrayAsync();
        var body = ObApiBinaryCodec.Decode(bytes).Value!;
        body.IsHistory.Should().BeTrue();
        body.Header.Rows.Should().Be(3);
        bytes.Length.Should().Be(64 + (2 * 3 * body.Header.Cols) + (8 * 3));
        body.TsMs.ToArray().Should().Equal(frames.Select(f => (ulong)(f.TsSeconds * 1000)));
        body.Header.FrameTsMs.Should().Be((ulong)(frames[0].TsSeconds * 1000));
        body.Bid.Span[..body.Header.Cols].ToArray().Should().Equal(frames[0].BidU8.ToArray(), "one book, one grid: the rows are the frames' own bytes");
        Header(r.Response, "X-Frame-Count").Should().Be("3");
        Header(r.Response, "X-Price-Count").Should().Be(body.Header.Cols.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Header(r.Response, "X-First-Frame-Ts-Ms").Should().Be((frames[0].TsSeconds * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Header(r.Response, "X-Last-Frame-Ts-Ms").Should().Be((frames[^1].TsSeconds * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var stride = JsonDocument.Parse((await Get("/orderbook_heatmap_history?symbol=BTC&stride=2&price_min=26000&price_max=27000")).Body).RootElement;
        stride.GetProperty("t").GetArrayLength().Should().Be(2, "every 2nd of 3 frames");
        stride.GetProperty("prices").GetArrayLength().Should().Be(51);
        stride.GetProperty("bid_u8").GetArrayLength().Should().Be(2 * 51);

        var empty = await Get("/orderbook_heatmap_history?symbol=SOL&format=bin");
        empty.Response.Content.Headers.ContentType!.MediaType.Should().Be("application/json", "no frames: the empty JSON body even for format=bin");
        empty.Body.Should().Be("""{"t":[],"prices":[],"bid_u8":[],"ask_u8":[],"frame_interval_ms":30000,"step":0.1,"scale":255,"norm_method":"p50_p95","_mode":"shared_buffer"}""");
    }

    private static string Header(HttpResponseMessage r, string name) => r.Headers.GetValues(name).Single();
}
