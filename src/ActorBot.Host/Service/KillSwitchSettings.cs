using ActorBot.Engine.Configuration;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>
/// <c>actorbot.kill-switch</c>, read with the other settings before the host starts (a bad value fails <c>run</c>
/// with exit 2, not a hosted service later).
/// </summary>
/// <param name="File">full path of the kill file; null when <c>file</c> is empty (no file).</param>
/// <param name="PollInterval">how often the file is checked.</param>
/// <param name="Flatten">engaging also closes every open position reduce-only.</param>
public sealed record KillSwitchSettings(string? File, TimeSpan PollInterval, bool Flatten)
{
    private const string Section = "actorbot.kill-switch";

    public static KillSwitchSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var file = config.Text($"{Section}.file", string.Empty);
        // A relative kill file is under the state directory.
        var stateDir = config.Text("actorbot.state-dir", "state") ?? "state";
        var poll = config.Duration($"{Section}.poll-interval", TimeSpan.FromMilliseconds(500));
        if (poll <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"{Section}.poll-interval must be positive");
        }

        return new KillSwitchSettings(
            string.IsNullOrWhiteSpace(file) ? null : Path.GetFullPath(Path.Combine(stateDir, file)),
            poll,
            config.Flag($"{Section}.flatten", false));
    }
}
