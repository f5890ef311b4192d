using System.Net;
using System.Text;
using ActorBot.Host.Service.Moonstream;
using ActorBot.Host.Tests.Moonstream;
using Akka.Actor;

namespace ActorBot.Host.Tests.Ui;

/// <summary>
/// The heatmap page's assets as the API's server serves them (over HTTP on a loopback port, beside the moonstream
/// routes): the embedded bytes, the right content types, a Content-Security-Policy of 'self' only, and nothing that
/// points off the service.
/// </summary>
public sealed class HeatmapPageServingTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private ApiServer? _api;

    public async Task InitializeAsync()
    {
        var data = new Dictionary<string, SymbolData> { ["BTCUSDT"] = new() };
        var bot = Sys.ActorOf(Props.Create(() => new FakeBot(data, new FakeBot.Counter())));
        _api = await ApiServer.StartAsync(bot, ["BTCUSDT"], TimeProvider.System);
    }

    public async Task DisposeAsync() => await _api!.DisposeAsync();

    [Theory(DisplayName = "The heatmap page and its assets are served with their content type, nosniff and a 'self'-only CSP")]
    [InlineData("/ui/heatmap?symbol=BTC", "text/html; charset=utf-8", "/ui/heatmap")]
    [InlineData("/ui/heatmap.js", "text/javascript; charset=utf-8", "/ui/heatmap.js")]
    [InlineData("/ui/heatmap.css", "text/css; charset=utf-8", "/ui/heatmap.css")]
    public async Task AssetsServedWithTheirType(string url, string contentType, string asset)
    {
        using var response = await _api!.Http.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be(contentType);
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Be(HeatmapPage.ContentSecurityPolicy);
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        var body = await response.Content.ReadAsByteArrayAsync();
        body.Should().Equal(HeatmapPage.Body(asset), "the served bytes are the embedded resource");
        body.Length.Should().BeGreaterThan(200, "the resource is the real asset, not an empty stub");
    }

    [Fact(DisplayName = "The CSP allows only 'self' (no other source, no inline script or style, no eval)")]
    public void PolicyAllowsOnlySelf()
    {
        var directives = HeatmapPage.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d[1]);
        directives["default-src"].Should().Be("'self'");
        directives["script-src"].Should().Be("'self'");
        directives["connect-src"].Should().Be("'self'");
        directives.Values.Should().OnlyContain(v => v == "'self'" || v == "'none'");
    }

    [Fact(DisplayName = "No served asset names an external URL (no http://, https:// or //cdn) and the page loads only its own /ui/ assets")]
    public async Task NoExternalUrls()
    {
        foreach (var path in HeatmapPage.Assets.Keys)
        {
            var text = await _api!.Http.GetStringAsync(path);
            foreach (var external in new[] { "http://", "https://", "//cdn" })
            {
                text.Contains(external, StringComparison.OrdinalIgnoreCase).Should().BeFalse($"{path} must not reference {external}");
            }
        }

        var html = Encoding.UTF8.GetString(HeatmapPage.Body(HeatmapPage.PagePath));
        html.Should().Contain("src=\"/ui/heatmap.js\"").And.Contain("href=\"/ui/heatmap.css\"");
        html.Should().NotContain("<script>", "no inline script: the CSP would block it");
        html.Should().NotContain("style=", "no inline style: the CSP would block it");
    }

    [Fact(DisplayName = "The page's routes sit beside the API: an unknown /ui/ route still answers the API's 404 body")]
    public async Task UnknownUiPathIsNotFound()
    {
        using var response = await _api!.Http.GetAsync("/ui/other");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Be("{\"detail\":\"Not Found\"}");
    }
}
