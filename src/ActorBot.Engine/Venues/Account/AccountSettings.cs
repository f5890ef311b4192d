using ActorBot.Domain.Reconciliation;
using ActorBot.Engine.Configuration;
using Akka.Configuration;

namespace ActorBot.Engine.Venues.Account;

/// <summary>The margin type set per symbol at start, as <c>POST /fapi/v1/marginType</c> spells it.</summary>
public enum MarginType
{
    Isolated,
    Crossed,
}

/// <summary>
/// <c>/venues/{venue}/account</c>: per-symbol leverage and margin type (<c>actorbot.venues.{venue}.leverage</c>,
/// <c>.margin-type</c>), the reconcile pace and the drift rules (<c>actorbot.venues.{venue}.account.*</c>), and where
/// drift lines go (<c>{state-dir}/reconcile_drift.jsonl</c>). Symbols are the service's symbols.
/// </summary>
public sealed record AccountSettings(
    string Venue,
    IReadOnlyList<string> Symbols,
    string DriftFile,
    int Leverage = 2,
    MarginType MarginType = MarginType.Isolated,
    TimeSpan? ReconcileInterval = null,
    int DriftPersistChecks = 3,
    string QuoteAsset = "USDT")
{
    /// <summary>How often the account re-reads the venue and reconciles when nothing else asked it to.</summary>
    public TimeSpan ReconcileEvery => ReconcileInterval ?? TimeSpan.FromSeconds(60);

    /// <summary>Position, balance and open-order tolerances (Domain defaults: half a step, max(1 USD, 0.1 %), 0 orders).</summary>
    public ReconcileTolerances Tolerances { get; init; } = new();

    public string MarginTypeText => MarginType == MarginType.Isolated ? "ISOLATED" : "CROSSED";

    /// <summary>Reads the keys; a bad value is a <see cref="ConfigurationException"/> naming the key and what it accepts.</summary>
    public static AccountSettings FromConfig(Config config, string venue, IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(config);
        var prefix = $"actorbot.venues.{venue}";
        var leverageKey = $"{prefix}.leverage";
        var leverage = config.Int(leverageKey, 2);
        if (leverage is < 1 or > 125)
        {
            throw new ConfigurationException($"{leverageKey} must be a whole number from 1 to 125 (got {leverage})");
        }

        var marginKey = $"{prefix}.margin-type";
        var margin = config.Text(marginKey, "ISOLATED") switch
        {
            "ISOLATED" => MarginType.Isolated,
            "CROSSED" => MarginType.Crossed,
            var other => throw new ConfigurationException($"{marginKey} must be ISOLATED or CROSSED (got \"{other}\")"),
        };
        var intervalKey = $"{prefix}.account.reconcile-interval";
        var interval = config.Duration(intervalKey, TimeSpan.FromSeconds(60));
        if (interval <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"{intervalKey} must be a positive duration (got {interval})");
        }

        var checksKey = $"{prefix}.account.drift-persist-checks";
        var checks = config.Int(checksKey, 3);
        if (checks < 1)
        {
            throw new ConfigurationException($"{checksKey} must be at least 1 (got {checks})");
        }

        var stateDir = config.Text("actorbot.state-dir", "state") ?? "state";
        var fileKey = $"{prefix}.account.drift-file";
        var file = config.Text(fileKey, "reconcile_drift.jsonl");
        if (string.IsNullOrWhiteSpace(file))
        {
            throw new ConfigurationException($"{fileKey} must name a file (relative paths are under actorbot.state-dir)");
        }

        return new AccountSettings(venue, symbols, Path.GetFullPath(Path.Combine(stateDir, file)), leverage, margin, interval, checks);
    }
}
