using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Venues.Execution;
using Akka.Actor;

namespace ActorBot.Host.Service;

/// <summary>
/// What a run did, printed when it ends and written to <c>{state-dir}/summary.json</c>: decisions, trades with R and
/// USD PnL, exits by reason, risk drops by reason, SAFE_PAUSE episodes and venue requests by route and status. Every
/// figure is asked of the actor that owns it (an actor that does not answer leaves its part empty, said in
/// <see cref="Missing"/>).
/// </summary>
public sealed record RunSummary(
    string Mode,
    string Venue,
    double Seconds,
    long Bars,
    long Decisions,
    IReadOnlyDictionary<string, long> DecisionActions,
    long Trades,
    double GrossR,
    decimal PnlUsd,
    IReadOnlyDictionary<string, long> ExitsByReason,
    IReadOnlyDictionary<string, long> RiskDropsByReason,
    long SafePauseEpisodes,
    bool PausedAtEnd,
    IReadOnlyDictionary<string, long> VenueRequests,
    int OpenPositionsAtEnd,
    IReadOnlyList<string> Missing)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<RunSummary> CollectAsync(ActorSystem system, string venue, TimeSpan took, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(system);
        var missing = new List<string>();
        // Asked side by side: a run stopping on SIGTERM has a few seconds in all.
        var strategyTask = ProbeAsk.TryAsync<StrategyStatus>(system.ActorSelection("/user/strategy"), GetStrategyStatus.Instance, ct);
        var botTask = ProbeAsk.TryAsync<BotStatus>(system.ActorSelection("/user/bot"), GetBotStatus.Instance, ct);
        var riskTask = ProbeAsk.TryAsync<RiskStatus>(system.ActorSelection("/user/bot/risk"), GetRiskStatus.Instance, ct);
        var executionTask = ExecutionAsync(system, venue, ct);
        var strategy = await strategyTask.ConfigureAwait(false);
        var bot = await botTask.ConfigureAwait(false);
        var risk = await riskTask.ConfigureAwait(false);
        var execution = await executionTask.ConfigureAwait(false);
        if (strategy is null)
        {
            missing.Add("strategy");
        }

        if (bot is null)
        {
            missing.Add("bot");
        }

        var requests = execution?.Counters
            .Where(c => c.Key.Contains(" /fapi/", StringComparison.Ordinal))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal) ?? new Dictionary<string, long>(StringComparer.Ordinal);
        return new RunSummary(
            bot?.Mode.ToConfigString() ?? "unknown",
            venue,
            Math.Round(took.TotalSeconds, 1),
            strategy?.Bars ?? 0,
            strategy?.Signals ?? 0,
            Sorted(strategy?.Actions),
            strategy?.Trades ?? 0,
            Math.Round(strategy?.GrossR ?? 0, 4),
            strategy?.RealizedPnlUsd ?? 0m,
            Sorted(strategy?.ExitsByReason),
            Sorted(risk?.DropsByReason),
            bot?.PauseEpisodes ?? 0,
            bot?.Paused ?? false,
            Sorted(requests),
            execution?.OpenPositions.Count ?? 0,
            missing);
    }

    /// <summary>The venue's execution wherever this build runs it (under its venue, or beside the bot).</summary>
    private static async Task<ExecutionStatus?> ExecutionAsync(ActorSystem system, string venue, CancellationToken ct)
    {
        var under = ProbeAsk.TryAsync<ExecutionStatus>(system.ActorSelection($"/user/venues/{venue}/execution"), GetExecutionStatus.Instance, ct);
        var beside = ProbeAsk.TryAsync<ExecutionStatus>(system.ActorSelection($"/user/execution-{venue}"), GetExecutionStatus.Instance, ct);
        return await under.ConfigureAwait(false) ?? await beside.ConfigureAwait(false);
    }

    /// <summary>Non-zero counts in name order (risk reports every reason, most of them 0).</summary>
    private static SortedDictionary<string, long> Sorted(IReadOnlyDictionary<string, long>? counts) =>
        new(counts?.Where(c => c.Value != 0).ToDictionary(c => c.Key, c => c.Value) ?? [], StringComparer.Ordinal);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The lines run prints when it ends.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"summary ({Mode}, {Venue}, {Seconds:0.0} s): {Bars} bars, {Decisions} decisions");
        text.Append(Counts(DecisionActions)).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"  trades: {Trades} closed, {GrossR:+0.00;-0.00;0} R, PnL {PnlUsd:+0.00;-0.00;0} USD (venue realised)");
        text.Append(Counts(ExitsByReason)).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"  risk drops: {RiskDropsByReason.Values.Sum()}").Append(Counts(RiskDropsByReason)).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"  SAFE_PAUSE episodes: {SafePauseEpisodes}{(PausedAtEnd ? " (paused at the end)" : string.Empty)}\n");
        text.Append(CultureInfo.InvariantCulture, $"  venue requests: {VenueRequests.Values.Sum()}").Append(Counts(VenueRequests)).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"  open positions at the end: {OpenPositionsAtEnd}{(OpenPositionsAtEnd > 0 ? " (their exchange-hosted brackets stay on the venue)" : string.Empty)}");
        if (Missing.Count > 0)
        {
            text.Append("\n  did not answer: ").Append(string.Join(", ", Missing));
        }

        return text.ToString();
    }

    private static string Counts(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? string.Empty : " (" + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value.ToString(CultureInfo.InvariantCulture)}")) + ")";
}
