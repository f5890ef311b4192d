using System.Text.Json;
using ActorBot.Domain.Modes;
using ActorBot.Host.Service;

namespace ActorBot.Host.Tests.Service;

/// <summary>The startup artifacts: the FNV-1a hash of the runbook, the redacted config file and the build info.</summary>
public sealed class StartupArtifactsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-artifacts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory(DisplayName = "config_hash is FNV-1a 64 as 0x%016x (published test vectors)")]
    [InlineData("", "0xcbf29ce484222325")]
    [InlineData("a", "0xaf63dc4c8601ec8c")]
    [InlineData("foobar", "0x85944171f73967e8")]
    public void Fnv1a64(string text, string hash) => StartupArtifacts.Hash(text).Should().Be(hash);

    [Fact(DisplayName = "run's artifacts: config_resolved.json holds the redacted effective config and its hash; build_info.json the build and the run")]
    public void Writes_both_files()
    {
        var configuration = ServiceConfiguration.Load(null, _ => null);
        var started = new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);
        var paths = StartupArtifacts.Write(Path.Combine(_dir, "state"), configuration, hash =>
            StartupArtifacts.Describe(typeof(StartupArtifacts).Assembly, started, TradeMode.Testnet, "binance-usdm", ["BTCUSDT"], simulator: true, hash));

        paths.Select(Path.GetFileName).Should().Equal("config_resolved.json", "build_info.json");
        using var config = JsonDocument.Parse(File.ReadAllText(paths[0]));
        var hash = config.RootElement.GetProperty("config_hash").GetString();
        hash.Should().MatchRegex("^0x[0-9a-f]{16}$").And.Be(StartupArtifacts.Hash(configuration.ToRedactedJson()));
        config.RootElement.GetProperty("source").GetString().Should().Be("embedded defaults");
        config.RootElement.GetProperty("config").GetProperty("actorbot").GetProperty("telemetry").GetProperty("jsonl-path").GetString().Should().Be("telemetry.jsonl");

        using var build = JsonDocument.Parse(File.ReadAllText(paths[1]));
        var b = build.RootElement;
        b.GetProperty("version").GetString().Should().NotBeNullOrEmpty();
        b.GetProperty("git_sha").GetString().Should().MatchRegex("^([0-9a-f]{7,40}|unknown)$");
        b.GetProperty("dotnet").GetString().Should().StartWith(".NET ");
        b.GetProperty("os").GetString().Should().NotBeNullOrEmpty();
        b.GetProperty("started_at").GetDateTimeOffset().Should().Be(started);
        b.GetProperty("trade_mode").GetString().Should().Be("testnet");
        b.GetProperty("venue").GetString().Should().Be("binance-usdm");
        b.GetProperty("symbols").EnumerateArray().Select(e => e.GetString()).Should().Equal("BTCUSDT");
        b.GetProperty("embedded_simulator").GetBoolean().Should().BeTrue();
        b.GetProperty("config_hash").GetString().Should().Be(hash, "build_info ties the run to its config");
    }
}
