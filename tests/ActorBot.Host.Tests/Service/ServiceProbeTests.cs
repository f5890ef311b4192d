using System.Net;
using ActorBot.Domain.Modes;
using ActorBot.Host.Service;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorBot.Host.Tests.Service;

/// <summary>The running service over a real loopback socket: probe endpoints and config redaction.</summary>
public sealed class ServiceProbeTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-host-").FullName;
    private WebApplication? _app;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSDT, ETHUSDT]
            # Keys are never read from config (an actorbot.* key would be refused as unknown); a secret-looking key in a
            # plugin's section still must not reach /config.
            akka.some-plugin.api-secret = "do-not-show-me"
            akka.persistence.journal.sql.connection-string = "Host=db;Username=bot;Password=hunter2;Database=actorbot"
            """);
        var configuration = ServiceConfiguration.Load(overrides, _ => null);
        _app = ServiceHost.Build(configuration, TradeMode.Shadow, httpPortOverride: 0);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "The service is healthy but not ready: with no market data every symbol is in SAFE_PAUSE")]
    public async Task ReadyIs503WithReasons()
    {
        var health = await _http!.GetAsync("/health");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync()).Should().Contain("\"mode\":\"shadow\"");

        var ready = await _http.GetAsync("/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = await ready.Content.ReadAsStringAsync();
        body.Should().Contain("SAFE_PAUSE").And.Contain("stale market data for BTCUSDT").And.Contain("stale market data for ETHUSDT");
    }

    [Fact(DisplayName = "An operator file that sets only actorbot.state-dir moves the SQLite journal there (schema created at start)")]
    public void Journal_follows_the_state_dir() =>
        File.Exists(Path.Combine(_dir, "actorbot.db")).Should().BeTrue();

    [Fact(DisplayName = "/config shows the effective configuration with secrets and passwords redacted")]
    public async Task ConfigIsRedacted()
    {
        var body = await _http!.GetStringAsync("/config");
        body.Should().Contain("\"trade-mode\": \"auto\"").And.Contain("ETHUSDT");
        body.Should().NotContain("do-not-show-me").And.NotContain("hunter2");
        body.Should().Contain("<redacted>");
    }

    [Fact(DisplayName = "/metrics exposes the SAFE_PAUSE gauge in Prometheus text format")]
    public async Task Metrics()
    {
        var body = await _http!.GetStringAsync("/metrics");
        body.Should().Contain("actorbot_up 1").And.Contain("actorbot_safe_pause 1");
    }
}
