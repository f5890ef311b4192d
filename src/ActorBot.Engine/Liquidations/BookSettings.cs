using System.Globalization;
using ActorBot.Domain.Liquidations;
using ActorBot.Domain.OrderBook.Frames;
using ActorBot.Engine.Configuration;
using Akka.Configuration;

namespace ActorBot.Engine.Liquidations;

/// <summary>
/// What a symbol's <c>/book</c> needs, read from <c>actorbot.liquidations.book</c>: the frame bucket step per base asset
/// (SPEC §9.2), the diff-depth stream speed the venue subscribes, the REST snapshot depth, how many frames are held
/// (and reloaded from the ring file), and the directory of the ring and stats files (<c>actorbot.state-dir</c>).
/// </summary>
public sealed record BookSettings(
    IReadOnlyDictionary<string, decimal> Steps,
    string DepthStreamSpeed,
    int SnapshotLimit,
    int FramesHeld,
    string Directory)
{
    private const string Section = "actorbot.liquidations.book";

    /// <summary>A frame timer fires this long after a boundary of the feed's clock (late diffs of the slot still count).</summary>
    public TimeSpan FrameGrace { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long /book waits before asking again after a snapshot request failed.</summary>
    public TimeSpan SnapshotRetry { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The symbol's frame options, or null when its base asset has no configured step (it runs no /book).</summary>
    public ObFrameOptions? FramesFor(string symbol) =>
        Steps.TryGetValue(LeverageLadders.BaseOf(symbol), out var step) ? new ObFrameOptions(symbol, step) : null;

    /// <summary>The symbol's diff-depth stream name, e.g. <c>btcusdt@depth@100ms</c>.</summary>
    public string StreamOf(string symbol) => $"{symbol.ToLowerInvariant()}@depth@{DepthStreamSpeed}";

    /// <summary>
    /// Null when <c>actorbot.liquidations.enabled</c> or <c>actorbot.liquidations.book.enabled</c> is off. A bad value is a
    /// <see cref="ConfigurationException"/> naming its key.
    /// </summary>
    public static BookSettings? FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Flag("actorbot.liquidations.enabled", false) || !config.Flag($"{Section}.enabled", false))
        {
            return null;
        }

        var steps = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var key = $"{Section}.steps";
        if (config.HasPath(key))
        {
            foreach (var (asset, _) in config.GetConfig(key)?.AsEnumerable() ?? [])
            {
                var step = config.Decimal($"{key}.{asset}", 0m);
                if (step <= 0 || decimal.Round(step, 8) != step)
                {
                    throw new ConfigurationException($"{key}.{asset} must be a positive price step with at most 8 decimals, got {step.ToString(CultureInfo.InvariantCulture)}");
                }

                steps[asset.ToUpperInvariant()] = step;
            }
        }

        var speed = config.Text($"{Section}.depth-stream-speed", "100ms") ?? "100ms";
        if (speed is not ("0ms" or "100ms" or "250ms" or "500ms"))
        {
            throw new ConfigurationException($"{Section}.depth-stream-speed must be 100ms, 250ms or 500ms (0ms: recorded raw data), got '{speed}'");
        }

        var limit = config.Int($"{Section}.snapshot-limit", 1000);
        if (limit is not (5 or 10 or 20 or 50 or 100 or 500 or 1000))
        {
            throw new ConfigurationException($"{Section}.snapshot-limit must be one of 5, 10, 20, 50, 100, 500, 1000, got {limit}");
        }

        var held = config.Int($"{Section}.frames-held", 1440);
        if (held is < 1 or > 100_000)
        {
            throw new ConfigurationException($"{Section}.frames-held must be in 1..100000, got {held}");
        }

        var directory = config.Text("actorbot.state-dir", "state") ?? "state";
        return new BookSettings(steps, speed, limit, held, directory);
    }
}
