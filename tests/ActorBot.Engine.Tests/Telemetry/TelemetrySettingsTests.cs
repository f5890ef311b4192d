using ActorBot.Engine.Telemetry;
using Akka.Configuration;

namespace ActorBot.Engine.Tests.Telemetry;

/// <summary><c>actorbot.telemetry</c>: every key is read; a relative path is under the state directory; bad values name the key.</summary>
public sealed class TelemetrySettingsTests
{
    [Fact(DisplayName = "Defaults: state/telemetry.jsonl, 64 MiB, 1 s")]
    public void Defaults() =>
        TelemetrySettings.FromConfig(ConfigurationFactory.Empty)
            .Should().Be(new TelemetrySettings(Path.GetFullPath(Path.Combine("state", "telemetry.jsonl")), 64L * 1024 * 1024, TimeSpan.FromSeconds(1)));

    [Fact(DisplayName = "A relative jsonl-path follows actorbot.state-dir; every key is read")]
    public void Reads_every_key()
    {
        var config = ConfigurationFactory.ParseString("actorbot { state-dir = \"/var/lib/actorbot\", telemetry { jsonl-path = \"t/run.jsonl\", max-file-size = 2 MiB, flush-interval = 250ms } }");
        TelemetrySettings.FromConfig(config).Should().Be(new TelemetrySettings(Path.GetFullPath("/var/lib/actorbot/t/run.jsonl"), 2L * 1024 * 1024, TimeSpan.FromMilliseconds(250)));
    }

    [Theory(DisplayName = "A bad telemetry value is a ConfigurationException naming the key")]
    [InlineData("jsonl-path = \"\"", "actorbot.telemetry.jsonl-path")]
    [InlineData("max-file-size = 10 bytes", "actorbot.telemetry.max-file-size")]
    [InlineData("max-file-size = lots", "actorbot.telemetry.max-file-size")]
    [InlineData("flush-interval = 0s", "actorbot.telemetry.flush-interval")]
    public void Bad_values(string line, string key)
    {
        var act = () => TelemetrySettings.FromConfig(ConfigurationFactory.ParseString($"actorbot.telemetry {{ {line} }}"));
        act.Should().Throw<ConfigurationException>().WithMessage($"*{key}*");
    }
}
