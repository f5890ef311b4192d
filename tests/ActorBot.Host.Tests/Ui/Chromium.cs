using Microsoft.Playwright;

namespace ActorBot.Host.Tests.Ui;

/// <summary>
/// Debian's headless Chromium driven by Playwright's bundled driver (no <c>playwright install</c>, no download): the
/// browser is the system package at <see cref="Path"/>.
/// </summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public const string MissingMessage =
        "Chromium not found at /usr/bin/chromium; install it with `apt-get install -y chromium` to run the heatmap page's browser tests.";

    // No sandbox (root in a container), no GPU, and nothing the browser would fetch on its own (updates, sync, QUIC probes).
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static bool Installed => File.Exists(Path);

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Path, Headless = true, Args = Args });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A page of a fixed size at device scale 1, so a canvas pixel is a screenshot pixel.</summary>
    public static Task<IPage> PageAsync(IBrowser browser) =>
        browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 }, DeviceScaleFactor = 1 });
}

/// <summary>A fact that needs <see cref="Chromium.Path"/>: skipped with the install hint when it is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.Installed)
        {
            Skip = Chromium.MissingMessage;
        }
    }
}
