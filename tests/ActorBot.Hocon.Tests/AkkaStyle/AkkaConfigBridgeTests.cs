using ActorBot.Hocon.AkkaInterop;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Hocon.Tests.AkkaStyle;

/// <summary>The resolved tree handed to a real Akka.NET actor system: Akka reads our values, never our text.</summary>
public sealed class AkkaConfigBridgeTests
{
    [Fact(DisplayName = "An actor system started from the bridged tree runs with its settings (ask timeout, throughput, log level)")]
    public async Task Actor_system_reads_the_bridged_tree()
    {
        var config = AkkaConfig.ParseString("""
            base { timeout = 7s }
            akka {
              loglevel = WARNING
              actor.ask-timeout = ${base.timeout}
              actor.default-dispatcher.throughput = 12
            }
            """);
        using var system = ActorSystem.Create("bridge", config);
        system.Settings.AskTimeout.Should().Be(TimeSpan.FromSeconds(7));
        system.Settings.LogLevel.Should().Be("WARNING");
        system.Settings.Config.GetInt("akka.actor.default-dispatcher.throughput").Should().Be(12);
        await system.Terminate();
    }

    [Fact(DisplayName = "Null, lists, nested objects and number spellings survive the bridge")]
    public void Values_survive_the_bridge()
    {
        var config = AkkaConfig.ParseString("a = null\nb = [x, \"y z\"]\nc { d { e = 1.50 } }\nf = 10000000000\ng = \"quoted null\"");
        config.GetString("a", "fallback").Should().BeNull();
        config.GetStringList("b").Should().Equal("x", "y z");
        config.GetDecimal("c.d.e").Should().Be(1.50m);
        config.GetString("c.d.e").Should().Be("1.50");
        config.GetLong("f").Should().Be(10_000_000_000);
        config.GetString("g").Should().Be("quoted null");
    }

    [Fact(DisplayName = "Malformed text never reaches Akka's parser: a positioned ConfigurationException, at once")]
    public void Malformed_text_fails_fast()
    {
        // This exact input makes Akka's own ConfigurationFactory.ParseString hang and grow memory without bound.
        var act = () => AkkaConfig.ParseString("a {\n  b = [1, 2\n}");
        act.Should().Throw<ConfigurationException>().WithInnerException<HoconException>();
    }
}
