using ActorBot.Engine.Configuration;
using Akka.Configuration;

namespace ActorBot.Engine.Telemetry;

/// <summary>
/// <c>actorbot.telemetry</c>: where <c>/user/telemetry</c> writes (<see cref="Path"/>, absolute; a relative
/// <c>jsonl-path</c> is under <c>actorbot.state-dir</c>), the size at which it starts a new file and how often its
/// buffer is flushed.
/// </summary>
public sealed record TelemetrySettings(string Path, long MaxFileSize, TimeSpan FlushInterval)
{
    /// <summary>Lines buffered before a flush is forced ahead of the timer (bounds memory in a burst).</summary>
    public int MaxBufferedLines { get; init; } = 10_000;

    public static TelemetrySettings FromConfig(Config config)
    {
        var stateDir = config.Text("actorbot.state-dir", "state") ?? "state";
        var path = config.Text("actorbot.telemetry.jsonl-path", "telemetry.jsonl");
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ConfigurationException("actorbot.telemetry.jsonl-path must name a file (relative paths are under actorbot.state-dir)");
        }

        var max = config.ByteSize("actorbot.telemetry.max-file-size", 64L * 1024 * 1024);
        if (max < 1024)
        {
            throw new ConfigurationException($"actorbot.telemetry.max-file-size must be at least 1 KiB (got {max} bytes)");
        }

        var flush = config.Duration("actorbot.telemetry.flush-interval", TimeSpan.FromSeconds(1));
        if (flush <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"actorbot.telemetry.flush-interval must be a positive duration (got {flush})");
        }

        return new TelemetrySettings(System.IO.Path.GetFullPath(System.IO.Path.Combine(stateDir, path)), max, flush);
    }
}
