using Akka.Configuration;

namespace Akka.TestKit.Configs;

/// <summary>Ready-made test configurations.</summary>
public static class TestConfigs
{
    /// <summary>The <c>akka.test</c> defaults.</summary>
    public static Config DefaultConfig { get; } = ConfigurationFactory.ParseString("""
        akka.test {
          timefactor = 1.0
          single-expect-default = 3s
          default-timeout = 5s
        }
        """);

    /// <summary>Selects the virtual-time <see cref="TestScheduler"/> (drive it with Advance).</summary>
    public static Config TestSchedulerConfig { get; } = ConfigurationFactory.ParseString(
        "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"");
}
