using ActorBot.Host.Service;
using Akka.Configuration;

namespace ActorBot.Host.Tests.Service;

/// <summary><c>actorbot.simulator.aliases</c> and <c>simulate --alias</c>: one recording under several symbol names.</summary>
public sealed class SymbolAliasesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-aliases-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact(DisplayName = "Aliases load from an operator file (an open map, not refused as unknown keys) and reach the embedded simulator's settings")]
    public void LoadedFromOperatorFile()
    {
        var path = Path.Combine(_dir, "override.conf");
        File.WriteAllText(path, "actorbot.simulator.aliases { BTCUSD_PERP = [BTCUSD_PERP_B, BTCUSD_PERP_C] }");
        var config = ServiceConfiguration.Load(path, _ => null).Config;

        var settings = EmbeddedSimulatorSettings.FromConfig(config, speedOverride: null, followOverride: false)!;

        settings.Aliases.Keys.Should().Equal("BTCUSD_PERP");
        settings.Aliases["BTCUSD_PERP"].Should().Equal("BTCUSD_PERP_B", "BTCUSD_PERP_C");
    }

    [Fact(DisplayName = "The embedded defaults have no aliases: each recording is its own symbol")]
    public void NoneByDefault() =>
        SymbolAliases.FromConfig(ServiceConfiguration.Load(null, _ => null).Config, "actorbot.simulator.aliases").Should().BeEmpty();

    [Theory(DisplayName = "A bad alias is refused naming the key: not a venue symbol, listed twice, or itself a recording")]
    [InlineData("a { BTCUSD_PERP = [btc-b] }", "*a*btc-b*not a venue symbol*")]
    [InlineData("a { BTCUSD_PERP = [X, X] }", "*a*\"X\"*twice*")]
    [InlineData("a { BTCUSD_PERP = [ETHUSDT], ETHUSDT = [Y] }", "*a*\"ETHUSDT\"*recorded symbol*")]
    public void Refused(string hocon, string message)
    {
        var act = () => SymbolAliases.FromConfig(ConfigurationFactory.ParseString(hocon), "a");
        act.Should().Throw<ConfigurationException>().WithMessage(message);
    }

    [Theory(DisplayName = "simulate --alias takes RECORDED=ALIAS pairs and refuses anything else")]
    [InlineData("BTCUSD_PERP=BTCUSD_PERP_B", true)]
    [InlineData("BTCUSD_PERP", false)]
    [InlineData("=X", false)]
    [InlineData("BTCUSD_PERP=", false)]
    public void FromArguments(string argument, bool ok)
    {
        var act = () => SymbolAliases.FromArguments([argument], "--alias");
        if (ok)
        {
            act().Should().ContainKey("BTCUSD_PERP").WhoseValue.Should().Equal("BTCUSD_PERP_B");
        }
        else
        {
            act.Should().Throw<ConfigurationException>().WithMessage("*--alias*RECORDED=ALIAS*");
        }
    }
}
