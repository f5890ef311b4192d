using Microsoft.Playwright;

namespace ActorBot.Host.Tests.Ui;

/// <summary>
/// One headless Chromium for all the page's browser tests (starting it costs seconds; each test opens its own page,
/// in its own browser context). Not launched when <see cref="Chromium.Path"/> is missing: those tests are skipped.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(Chromium.MissingMessage);

    public async Task InitializeAsync()
    {
        if (Chromium.Installed)
        {
            (_playwright, _browser) = await Chromium.LaunchAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "chromium";
}
