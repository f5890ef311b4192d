using ActorBot.Engine.Configuration;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>
/// The settings <c>actorbot run</c> reads itself, before it builds the service (<see cref="ServiceHost.Build"/>
/// reads the rest): whether the embedded simulator is the venue, the configured trade mode, the symbols and the
/// state directory (startup artifacts and summary.json).
/// </summary>
public sealed record RunSettings(EmbeddedSimulatorSettings? Simulator, string ConfiguredMode, IReadOnlyList<string> Symbols, string StateDir)
{
    /// <param name="speedOverride">--speed, over <c>actorbot.simulator.speed</c>.</param>
    /// <param name="followOverride">--follow, over <c>actorbot.simulator.follow</c>.</param>
    public static RunSettings FromConfig(Config config, string? speedOverride, bool followOverride)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new RunSettings(
            EmbeddedSimulatorSettings.FromConfig(config, speedOverride, followOverride),
            config.Text("actorbot.trade-mode", "auto") ?? "auto",
            config.TextList("actorbot.symbols").ToList(),
            config.Text("actorbot.state-dir", "state") ?? "state");
    }
}
