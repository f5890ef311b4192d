using System.Net;
using System.Text.Json;
using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;
using ActorBot.Domain.Modes;
using ActorBot.Host.Cli;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Venues.Simulator;
using ActorBot.Venues.Simulator.Engine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorBot.Host.Tests.Service;

/// <summary>
/// The migration end to end: the recorded run's old BTC weight file imported with <c>actorbot liquidations
/// import-weights</c> into the service's state directory, then the service started on it (market data from the
/// simulator): <c>/actors</c> shows /calibrator restored from that snapshot with the file's weights, and /liquidations
/// projecting with them.
/// </summary>
public sealed class ImportedWeightsServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-import-svc-").FullName;
    private SimulatorHost? _sim;
    private WebApplication? _app;
    private HttpClient? _http;
    private CalibratorSnapshot? _expected;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Port = 0,
            Symbols = [SymbolSpec.Default("BTCUSD_PERP")],
            DataFiles = [Path.Combine(AppContext.BaseDirectory, "data", "binance", "BTCUSD_PERP-aggTrades-2026-05-08.zip")],
            AutoStartReplay = false,
        });
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.symbols = [BTCUSD_PERP]
            actorbot.venues.binance-usdm {
              rest-base-url = "{{_sim.RestUri}}"
              ws-base-url = "{{_sim.WsUri}}"
              market-data = on
              contracts { BTCUSD_PERP = inverse-100usd }
            }
            """);
        var file = Path.Combine(AppContext.BaseDirectory, "Data", "moonstream", "liq_calibrator_weights_BTC.json");
        using var output = new StringWriter();
        using var error = new StringWriter();
        (await LiquidationsCommand.ImportAsync(file, "BTC", overrides, null, false, output, error)).Should().Be(0, error.ToString());
        _expected = LegacyWeightFile.Import(await File.ReadAllTextAsync(file), "BTC", LeverageLadders.ForBase("BTC")).Snapshot;

        _app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Shadow, httpPortOverride: 0, environment: _ => null);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await ServiceUnderTest.StopAsync(_app, _sim, _dir);
    }

    [Fact(DisplayName = "Imported with import-weights, then the service started: /calibrator serves the recorded file's weights and /liquidations projects with them")]
    public async Task ServiceServesImportedWeights()
    {
        var expected = _expected!;
        var calibrator = await Poll.Until(
            () => Summary("/actors/user/bot/BTCUSD_PERP/calibrator"),
            s => s is { } x && x.GetProperty("restoredFrom").GetString() == "snapshot",
            "/calibrator restored from the imported snapshot",
            Deadline,
            s => s?.ToString() ?? "no answer");
        calibrator!.Value.GetProperty("calibrations").GetInt64().Should().Be(expected.CalibrationCount);
        Same(calibrator.Value.GetProperty("weights"), expected);

        var liquidations = await Poll.Until(
            () => Summary("/actors/user/bot/BTCUSD_PERP/liquidations"),
            s => s is { } x && x.GetProperty("weightsApplied").GetInt64() >= 1,
            "/liquidations got the imported weights",
            Deadline,
            s => s?.ToString() ?? "no answer");
        Same(liquidations!.Value.GetProperty("leverageWeights"), expected);
        liquidations.Value.GetProperty("leverageBuffer").GetDouble().Should().BeApproximately(expected.Buffer, 1e-15);
    }

    private static void Same(JsonElement weights, CalibratorSnapshot expected)
    {
        var served = weights.EnumerateObject().ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetDouble());
        served.Keys.Should().BeEquivalentTo(expected.Tiers);
        for (var i = 0; i < expected.Tiers.Count; i++)
        {
            served[expected.Tiers[i]].Should().BeApproximately(expected.Weights[i], 1e-12);
        }
    }

    private async Task<JsonElement?> Summary(string path)
    {
        using var response = await _http!.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var node = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return node.GetProperty("answered").GetBoolean() ? node.GetProperty("summary").Clone() : null;
    }
}
