using ActorBot.Hocon.AkkaInterop;
using Akka.Configuration;

namespace ActorBot.Hocon.Tests.ServiceConfig;

/// <summary>hocon/actorbot.conf (copied next to the tests at build time) parses and holds sane values.</summary>
public sealed class ActorBotConfFileTests
{
    private static readonly string ConfPath = Path.Combine(AppContext.BaseDirectory, "Hocon", "actorbot.conf");

    private static Config Load(Dictionary<string, string>? env = null)
    {
        var root = HoconLoader.LoadFile(ConfPath, new HoconLoadOptions { EnvironmentLookup = k => env?.GetValueOrDefault(k) });
        // Through the Akka-compatible API, as ActorSystem.Create will read it.
        return AkkaConfig.ParseString(HoconJsonWriter.Write(root));
    }

    [Fact(DisplayName = "actorbot.conf configures the actor system, scheduler and persistence")]
    public void Configures_actor_system_and_persistence()
    {
        var config = Load();
        config.GetInt("akka.actor.default-dispatcher.throughput").Should().Be(30);
        config.GetTimeSpan("akka.actor.ask-timeout").Should().Be(TimeSpan.FromSeconds(10));
        config.GetString("akka.scheduler.implementation").Should().Be("Akka.Actor.HashedWheelTimerScheduler");
        config.GetTimeSpan("akka.scheduler.tick-duration").Should().Be(TimeSpan.FromMilliseconds(10));
        // The keys ActorBot.Persistence.Sql reads (SqlPersistenceOptions.FromConfig); the plugin HOCON is generated from them.
        config.GetString("actorbot.persistence.provider-name").Should().Be("sqlite");
        config.GetString("actorbot.persistence.state-directory").Should().BeEmpty("empty means actorbot.state-dir, read at run time");
        config.GetString("actorbot.state-dir").Should().Be("state");
        config.GetString("actorbot.persistence.connection-string").Should().BeEmpty("SQLite derives it from state-directory");
        config.GetInt("actorbot.persistence.batch-size").Should().Be(100);
        config.HasPath("akka.persistence.journal.sql").Should().BeFalse("operators never configure the plugin directly");
    }

    [Fact(DisplayName = "actorbot.conf configures HTTP, telemetry, SAFE_PAUSE, trade mode and the Binance venue")]
    public void Configures_service_sections()
    {
        var config = Load();
        config.GetString("actorbot.trade-mode").Should().Be("auto", "testnet on the embedded simulator, shadow on any other venue");
        config.GetBoolean("actorbot.simulator.enabled").Should().BeTrue("the embedded default venue is the in-process simulator");
        config.GetString("actorbot.http.bind-host").Should().Be("127.0.0.1");
        config.GetInt("actorbot.http.port").Should().Be(9898);
        config.GetString("actorbot.telemetry.jsonl-path").Should().Be("telemetry.jsonl", "relative: under actorbot.state-dir, read at run time");
        config.GetByteSize("actorbot.telemetry.max-file-size").Should().Be(64L * 1024 * 1024);
        config.GetTimeSpan("actorbot.safe-pause.stale-timeout").Should().Be(TimeSpan.FromSeconds(10));
        var venue = config.GetConfig("actorbot.venues.binance-usdm");
        venue.GetString("rest-base-url").Should().Be("https://fapi.binance.com");
        venue.GetString("ws-base-url").Should().Be("wss://fstream.binance.com");
        venue.GetTimeSpan("recv-window").Should().Be(TimeSpan.FromMilliseconds(5000));
        venue.GetDouble("weight-share").Should().BeInRange(0.0001, 1.0);
        venue.GetTimeSpan("clock-sync-interval").Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact(DisplayName = "actorbot.conf takes the state directory and port from the environment when set")]
    public void Environment_overrides()
    {
        var config = Load(new Dictionary<string, string> { ["ACTORBOT_STATE_DIR"] = "/var/lib/actorbot", ["ACTORBOT_HTTP_PORT"] = "9191" });
        config.GetInt("actorbot.http.port").Should().Be(9191);
        config.GetString("actorbot.state-dir").Should().Be("/var/lib/actorbot");
    }

    [Fact(DisplayName = "actorbot.conf holds no secrets and comments every key")]
    public void No_secrets_and_every_key_commented()
    {
        var lines = File.ReadAllLines(ConfPath);
        // A venue's api-key-env / api-secret-env name the environment variables that hold its keys: allowed only
        // when the value is a variable name, never anything that could be a key itself.
        var envNames = new System.Text.RegularExpressions.Regex("^\\s*api-(key|secret)-env\\s*=\\s*\"[A-Z][A-Z0-9_]*\"\\s*$");
        var settings = string.Join('\n', lines.Where(l => !l.TrimStart().StartsWith('#') && !envNames.IsMatch(l)));
        settings.Should().NotMatchRegex("(?i)(api-?key|secret|password)", "credentials come from environment variables only");
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var isAssignment = line.Length > 0 && !line.StartsWith('#') && !line.StartsWith('}') && (line.Contains('=') || line.EndsWith('{'));
            if (!isAssignment)
            {
                continue;
            }

            var previous = i > 0 ? lines[i - 1].Trim() : string.Empty;
            (previous.StartsWith('#') || previous.EndsWith('{') && previous.Contains('#') || IsOverrideOfPrevious(lines, i) || line.EndsWith('{'))
                .Should().BeTrue($"line {i + 1} ('{line}') should have a comment above it");
        }
    }

    private static bool IsOverrideOfPrevious(string[] lines, int i) =>
        i >= 2 && lines[i - 1].Trim().StartsWith('#') is false && lines[i].Contains("${?", StringComparison.Ordinal);
}
