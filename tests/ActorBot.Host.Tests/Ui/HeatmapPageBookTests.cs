using ActorBot.Host.Tests.Moonstream;
using Akka.Actor;
using Microsoft.Playwright;

namespace ActorBot.Host.Tests.Ui;

/// <summary>
/// The heatmap page's order-book panel in headless Chromium: 30 s frames built from a real Binance depth snapshot
/// (MoonstreamData.BookFrames) are served by /orderbook_heatmap_history, and the panel draws their bid and ask rows.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class HeatmapPageBookTests(ChromiumFixture chromium) : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const int Frames = 40;
    private ApiServer? _api;

    public async Task InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var data = new Dictionary<string, SymbolData> { ["BTCUSDT"] = new() { Frames = MoonstreamData.BookFrames(Frames, now - 15_000) } };
        var bot = Sys.ActorOf(Props.Create(() => new FakeBot(data, new FakeBot.Counter())));
        _api = await ApiServer.StartAsync(bot, ["BTCUSDT"], TimeProvider.System);
    }

    public async Task DisposeAsync() => await _api!.DisposeAsync();

    [ChromiumFact(DisplayName = "/ui/heatmap draws the order-book history's bid and ask rows in the order-book panel")]
    public async Task BookPanelDrawsFrames()
    {
        var page = await Chromium.PageAsync(chromium.Browser);
        try
        {
            await page.GotoAsync(new Uri(_api!.Http.BaseAddress!, "/ui/heatmap?symbol=BTC").ToString());
            await HeatmapPageDriver.WaitDrawnAsync(page, $"+d.bookRows === {Frames}");

            var canvas = page.Locator("#heatmap");
            var bookPlot = Plot.Parse((await canvas.GetAttributeAsync("data-book-plot"))!);
            var shot = new CanvasShot(await canvas.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "heatmap-book.png") }));
            shot.Count(bookPlot, CanvasShot.BidHeat).Should().BeGreaterThan(1000, "the bids below the mid are drawn across the frames");
            shot.Count(bookPlot, CanvasShot.AskHeat).Should().BeGreaterThan(1000, "the asks above the mid are drawn across the frames");
            (await page.Locator("#status").InnerTextAsync()).Should().Contain("order-book data age");

            // The checkbox hides the panel: the next draw reports no order-book rows and no book plot.
            await page.Locator("#show-book").UncheckAsync();
            await HeatmapPageDriver.WaitDrawnAsync(page, "d.bookPlot === '' && +d.bookRows === 0");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
