using System.Text.Json;
using ActorBot.Domain.Modes;
using ActorBot.Host.Service;
using ActorBot.Venues.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorBot.Host.Tests.Testnet;

/// <summary>
/// The venue subtree takes its API keys from the environment function the host was built with, never from this
/// process's variables: keys given only that way (the documented ACTORBOT_BINANCE_USDM_* pair, a random value no
/// process variable can hold) reach /user/venues/binance-usdm's REST client, and signed requests with them succeed.
/// </summary>
public sealed class VenueKeysTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-venue-keys-").FullName;
    private readonly string _key = "key-" + Guid.NewGuid().ToString("N");
    private readonly string _secret = "secret-" + Guid.NewGuid().ToString("N");
    private SimulatorHost? _sim;
    private WebApplication? _app;
    private HttpClient? _probe;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, ApiKey = _key, ApiSecret = _secret });
        _sim.PublishTrade("BTCUSDT", 100m, 1m, 1);
    }

    public async Task DisposeAsync()
    {
        _probe?.Dispose();
        await ServiceUnderTest.StopAsync(_app, _sim, _dir);
    }

    [Fact(DisplayName = "Paper (market data only): the venue's REST client holds the keys given only through the host's environment function")]
    public async Task Market_data_venue_takes_injected_keys()
    {
        await StartAsync(TradeMode.Paper, InjectedKeys);

        var venue = await Poll.Until(() => Summary("/actors/user/venues/binance-usdm"), v => v is { ValueKind: JsonValueKind.Object }, "the venue answers", Deadline);
        venue!.Value.GetProperty("apiKey").GetBoolean().Should().BeTrue("the keys were given to the host, not to the process");
        venue.Value.GetProperty("trading").GetBoolean().Should().BeFalse("paper sends no orders to the venue");
    }

    [Fact(DisplayName = "Testnet: signed requests carry the keys given only through the host's environment function, and the venue accepts them")]
    public async Task Signed_requests_use_injected_keys()
    {
        await StartAsync(TradeMode.Testnet, InjectedKeys);

        // Leverage and margin type are signed POSTs: "ok" means the simulator accepted this test's random key and signature
        // (a refused key would be the venue's error text there instead).
        var account = await Poll.Until(AccountJson, a => a is { } j && j.GetProperty("setup").GetArrayLength() > 0, "leverage and margin type set up", Deadline, a => a?.ToString() ?? "no answer");
        account!.Value.GetProperty("setup")[0].GetProperty("status").GetString().Should().Be("ok");
    }

    private string? InjectedKeys(string name) => name switch
    {
        "ACTORBOT_BINANCE_USDM_API_KEY" => _key,
        "ACTORBOT_BINANCE_USDM_API_SECRET" => _secret,
        _ => null,
    };

    private async Task StartAsync(TradeMode mode, Func<string, string?> environment)
    {
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSDT]
            actorbot.strategy.profile = ""
            actorbot.venues.binance-usdm {
              rest-base-url = "{{_sim!.RestUri}}"
              ws-base-url = "{{_sim.WsUri}}"
              testnet.rest-base-url = "{{_sim.RestUri}}"
              testnet.ws-base-url = "{{_sim.WsUri}}"
            }
            """);
        _app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), mode, httpPortOverride: 0, environment);
        await _app.StartAsync();
        _probe = new HttpClient { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
    }

    private async Task<JsonElement?> Summary(string path)
    {
        var response = await _probe!.GetAsync(path);
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("summary") : null;
    }

    private async Task<JsonElement?> AccountJson()
    {
        var response = await _probe!.GetAsync("/venues/binance-usdm/account");
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement : null;
    }
}
