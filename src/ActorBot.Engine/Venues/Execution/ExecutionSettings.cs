using ActorBot.Domain.Execution;
using ActorBot.Engine.Configuration;
using Akka.Configuration;

namespace ActorBot.Engine.Venues.Execution;

/// <summary>
/// <c>actorbot.venues.{venue}.execution</c>: restart policy, bracket working type, the strategy prefix of client
/// order ids, the retry pace of venue lookups, and the journal events between snapshots. Symbols are the service's symbols (cancel-all covers them all).
/// </summary>
public sealed record ExecutionSettings(
    string Venue,
    IReadOnlyList<string> Symbols,
    RestartPolicy RestartPolicy = RestartPolicy.Flatten,
    WorkingType WorkingType = WorkingType.MarkPrice,
    string Strategy = "snap",
    TimeSpan? LookupRetry = null,
    TimeSpan? RestartRetry = null,
    int SnapshotEvery = ExecutionSettings.DefaultSnapshotEvery)
{
    /// <summary>Journal events between snapshots when the key is not set.</summary>
    public const int DefaultSnapshotEvery = 200;

    /// <summary>How often an in-doubt order is looked up again by its client order id.</summary>
    public TimeSpan LookupInterval => LookupRetry ?? TimeSpan.FromSeconds(1);

    /// <summary>How long restart-flatten waits before trying again when the venue could not be read.</summary>
    public TimeSpan RestartInterval => RestartRetry ?? TimeSpan.FromSeconds(2);

    /// <summary>Reads the keys; a bad value is a <see cref="ConfigurationException"/> naming the key and what it accepts.</summary>
    public static ExecutionSettings FromConfig(Config config, string venue, IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(config);
        var prefix = $"actorbot.venues.{venue}.execution";
        var policyKey = $"{prefix}.restart-policy";
        var policy = config.Text(policyKey, "flatten") switch
        {
            "flatten" => RestartPolicy.Flatten,
            "adopt" => RestartPolicy.Adopt,
            var other => throw new ConfigurationException($"{policyKey} must be flatten or adopt (got \"{other}\")"),
        };
        var workingKey = $"{prefix}.working-type";
        var working = config.Text(workingKey, "MARK_PRICE") switch
        {
            "MARK_PRICE" => WorkingType.MarkPrice,
            "CONTRACT_PRICE" => WorkingType.ContractPrice,
            var other => throw new ConfigurationException($"{workingKey} must be MARK_PRICE or CONTRACT_PRICE (got \"{other}\")"),
        };
        var strategyKey = $"{prefix}.strategy";
        var strategy = config.Text(strategyKey, "snap") ?? "snap";
        if (strategy.Length == 0 || !strategy.All(char.IsAsciiLetterOrDigit))
        {
            throw new ConfigurationException($"{strategyKey} must be letters and digits, e.g. snap (got \"{strategy}\")");
        }

        return new ExecutionSettings(venue, symbols, policy, working, strategy,
            Positive(config, $"{prefix}.lookup-retry", TimeSpan.FromSeconds(1)),
            Positive(config, $"{prefix}.restart-retry", TimeSpan.FromSeconds(2)),
            SnapshotEveryFrom(config, $"{prefix}.snapshot-every", DefaultSnapshotEvery));
    }

    /// <summary>A snapshot cadence key (events between snapshots): a whole number of at least 1.</summary>
    internal static int SnapshotEveryFrom(Config config, string key, int fallback)
    {
        var value = config.Int(key, fallback);
        return value >= 1 ? value : throw new ConfigurationException($"{key} must be a whole number of events of at least 1 (got {value})");
    }

    private static TimeSpan Positive(Config config, string key, TimeSpan fallback)
    {
        var value = config.Duration(key, fallback);
        return value > TimeSpan.Zero ? value : throw new ConfigurationException($"{key} must be a positive duration (got {value})");
    }
}
