using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Configuration;
using ActorBot.Engine.Venues;
using ActorBot.Hocon.Values;
using ActorBot.Host.Service;

namespace ActorBot.Host.Tests.Service;

/// <summary>
/// The other half of <see cref="UnknownConfigKeys"/> (an operator's key the defaults lack is refused): every key
/// hocon/actorbot.conf documents under <c>actorbot</c> is read by the service, so no documented setting is a knob
/// wired to nothing. The reads are recorded by <see cref="ConfigReadLog"/> while the startup code `run` uses builds
/// every settings object, in every trade mode (some keys only matter in one). Open maps count by their entries:
/// venues.binance-usdm, risk.filters.default and contracts.BTCUSD_PERP are read like any key.
/// </summary>
public sealed class DocumentedKeysReadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-keys-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "Every documented key under actorbot in hocon/actorbot.conf is read when the service starts on the embedded defaults")]
    public async Task Every_documented_key_is_read()
    {
        var configuration = ServiceConfiguration.Load(null, _ => null);

        var unread = DocumentedLeaves(configuration.Root).Except(await ReadAtStartupAsync(configuration)).Order().ToList();

        unread.Should().BeEmpty("a documented key nobody reads changes nothing when an operator sets it: wire it or remove it from the conf and docs");
    }

    [Fact(DisplayName = "A documented key the service never reads is reported by name")]
    public async Task An_unread_key_is_reported()
    {
        var configuration = ServiceConfiguration.Load(null, _ => null).WithOverlay("actorbot.http.unused-knob = 1", "a key nobody reads");

        var unread = DocumentedLeaves(configuration.Root).Except(await ReadAtStartupAsync(configuration)).ToList();

        unread.Should().Equal("actorbot.http.unused-knob");
    }

    /// <summary>What `run` reads before it builds the service, then what building it reads, for each trade mode.</summary>
    private async Task<IReadOnlyCollection<string>> ReadAtStartupAsync(ServiceConfiguration configuration)
    {
        // The SQLite file Build creates goes to this test's folder (the key is still read, from the overlay).
        configuration = configuration.WithOverlay($"actorbot.state-dir = \"{_dir.Replace("\\", "\\\\", StringComparison.Ordinal)}\"", "the test's state directory");
        using var log = ConfigReadLog.Start();
        RunSettings.FromConfig(configuration.Config, speedOverride: null, followOverride: false);
        foreach (var mode in Enum.GetValues<TradeMode>())
        {
            // The arming gate's mainnet check (RunCommand), then the host with every settings object it reads.
            VenueSettings.ConfiguredUrls(configuration.Config, BotSettings.DefaultVenue, mode);
            var app = ServiceHost.Build(configuration, mode, httpPortOverride: null, environment: _ => null);
            // Registered as an instance, so the container leaves its ONNX sessions to us.
            app.Services.GetService<StrategyRuntime>()?.Dispose();
            await app.DisposeAsync();
        }

        return log.Keys;
    }

    /// <summary>Full paths of the leaf keys under <c>actorbot</c> (a list is one leaf).</summary>
    private static List<string> DocumentedLeaves(HoconObject root)
    {
        var leaves = new List<string>();
        Walk("actorbot", (HoconObject)root["actorbot"], leaves);
        return leaves;
    }

    private static void Walk(string path, HoconObject node, List<string> leaves)
    {
        foreach (var (key, value) in node)
        {
            if (value is HoconObject child)
            {
                Walk($"{path}.{key}", child, leaves);
            }
            else
            {
                leaves.Add($"{path}.{key}");
            }
        }
    }
}
