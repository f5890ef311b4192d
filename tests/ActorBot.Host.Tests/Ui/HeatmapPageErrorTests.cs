using ActorBot.Host.Tests.Moonstream;
using Akka.Actor;

namespace ActorBot.Host.Tests.Ui;

/// <summary>The heatmap page in headless Chromium shows the API's errors on the page, not only in the console.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class HeatmapPageErrorTests(ChromiumFixture chromium) : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private ApiServer? _api;

    public async Task InitializeAsync()
    {
        var data = new Dictionary<string, SymbolData> { ["BTCUSDT"] = new() };
        var bot = Sys.ActorOf(Props.Create(() => new FakeBot(data, new FakeBot.Counter())));
        _api = await ApiServer.StartAsync(bot, ["BTCUSDT"], TimeProvider.System);
    }

    public async Task DisposeAsync() => await _api!.DisposeAsync();

    [ChromiumFact(DisplayName = "/ui/heatmap?symbol=XYZ shows the API's invalid-symbol text on the page and in the status line")]
    public async Task UnknownSymbolShowsTheApiError()
    {
        var page = await Chromium.PageAsync(chromium.Browser);
        try
        {
            await page.GotoAsync(new Uri(_api!.Http.BaseAddress!, "/ui/heatmap?symbol=XYZ").ToString());
            await HeatmapPageDriver.WaitDrawnAsync(page, "d.errors && d.errors.length > 0");

            var errors = await page.Locator("#errors li").AllInnerTextsAsync();
            errors.Should().Contain("liquidation history: Invalid symbol 'XYZ'. Valid symbols: BTC");
            errors.Should().Contain("zones: Invalid symbol 'XYZ'. Valid symbols: BTC");
            (await page.Locator("#status").InnerTextAsync()).Should().Contain("error(s)");
            (await page.Locator("#status").GetAttributeAsync("class")).Should().Be("error");
            (await page.Locator("#heatmap").GetAttributeAsync("data-liq-rows")).Should().Be("0", "nothing is drawn for a symbol the API refuses");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
