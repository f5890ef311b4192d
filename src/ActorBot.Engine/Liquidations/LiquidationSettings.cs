using System.Globalization;
using ActorBot.Domain.Liquidations;
using ActorBot.Engine.Configuration;
using Akka.Configuration;

namespace ActorBot.Engine.Liquidations;

/// <summary>
/// What a symbol's liquidation subtree (<c>/liquidations</c>, <c>/zones</c>) needs, read from <c>actorbot.liquidations</c>:
/// the price bucket step per base asset (moonstream SPEC §1.4), the grace the minute clock's timer waits after a
/// minute's end, how many applied minutes /zones lets pass between snapshots, and the /calibrator's settings
/// (<c>actorbot.liquidations.calibrator</c>; null: no /calibrator runs).
/// </summary>
public sealed record LiquidationSettings(
    IReadOnlyDictionary<string, decimal> BucketSteps,
    TimeSpan MinuteCloseGrace,
    int ZoneSnapshotEveryMinutes,
    CalibratorSettings? Calibrator = null)
{
    private const string Section = "actorbot.liquidations";

    /// <summary>Where /liquidations keeps <c>liq_heatmap_v2_{BASE}.bin</c> (<c>actorbot.state-dir</c>); null: memory only.</summary>
    public string? HistoryDirectory { get; init; }

    /// <summary>The symbols' <c>/book</c> settings (<c>actorbot.liquidations.book</c>); null: no symbol runs a book.</summary>
    public BookSettings? Book { get; init; }

    /// <summary>The symbol's bucket grid, or null when its base asset has no configured step (it runs no engines).</summary>
    public BucketGrid? GridFor(string symbol) =>
        BucketSteps.TryGetValue(LeverageLadders.BaseOf(symbol), out var step) ? new BucketGrid(step) : null;

    /// <summary>Null when <c>actorbot.liquidations.enabled</c> is off. A bad value is a <see cref="ConfigurationException"/> naming its key.</summary>
    public static LiquidationSettings? FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Flag($"{Section}.enabled", false))
        {
            return null;
        }

        var steps = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var key = $"{Section}.bucket-steps";
        if (config.HasPath(key))
        {
            foreach (var (asset, _) in config.GetConfig(key)?.AsEnumerable() ?? [])
            {
                // By its full path, like every key (ConfigReadLog records what the service reads).
                var step = config.Decimal($"{key}.{asset}", 0m);
                if (step <= 0)
                {
                    throw new ConfigurationException($"{key}.{asset} must be a positive price step, got {step.ToString(CultureInfo.InvariantCulture)}");
                }

                steps[asset.ToUpperInvariant()] = step;
            }
        }

        var grace = config.Duration($"{Section}.minute-close-grace", TimeSpan.FromSeconds(2));
        if (grace < TimeSpan.Zero)
        {
            throw new ConfigurationException($"{Section}.minute-close-grace must not be negative");
        }

        var every = config.Int($"{Section}.zone-snapshot-every-minutes", 5);
        if (every <= 0)
        {
            throw new ConfigurationException($"{Section}.zone-snapshot-every-minutes must be positive, got {every}");
        }

        return new LiquidationSettings(steps, grace, every, CalibratorSettings.FromConfig(config))
        {
            HistoryDirectory = config.Text("actorbot.state-dir", "state") ?? "state",
            Book = BookSettings.FromConfig(config),
        };
    }
}
