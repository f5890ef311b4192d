using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Venues.Execution;
using Akka.Actor;

namespace ActorBot.Host.Service;

/// <summary>
/// What a run did, printed when it ends and written to <c>{state-dir}/summary.json</c>: decisions, trades with R and
/// USD PnL (and whose figure it is: <see cref="PnlSource"/>), exits by reason, risk drops by reason, SAFE_PAUSE
/// episodes and venue requests by route and status. Made from one <see cref="ServiceSnapshot"/>, the dashboard's
/// facts: every figure asked of the actor that owns it (an actor that does not answer leaves its part empty, said in
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
    string PnlSource,
    IReadOnlyDictionary<string, long> ExitsByReason,
    IReadOnlyDictionary<string, long> RiskDropsByReason,
    long SafePauseEpisodes,
    bool PausedAtEnd,
    IReadOnlyDictionary<string, long> VenueRequests,
    int OpenPositionsAtEnd,
    IReadOnlyList<string> Missing)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<RunSummary> CollectAsync(ActorSystem system, string venue, TimeSpan took, CancellationToken ct) =>
        From(await ServiceSnapshot.GatherAsync(system, venue, ct).ConfigureAwait(false), venue, took);

    /// <summary>Every venue's figures together (requests and open positions summed); the summary names them all.</summary>
    public static async Task<RunSummary> CollectAsync(ActorSystem system, IReadOnlyList<string> venues, TimeSpan took, CancellationToken ct) =>
        From(await ServiceSnapshot.GatherAsync(system, venues, ct).ConfigureAwait(false), string.Join(", ", venues), took);

    /// <summary>The summary of <paramref name="s"/> (no IO): the same facts the dashboard shows.</summary>
    public static RunSummary From(ServiceSnapshot s, string venue, TimeSpan took)
    {
        ArgumentNullException.ThrowIfNull(s);
        var (strategy, bot, execution) = (s.Strategy, s.Bot, s.Execution);
        var missing = new List<string>();
        if (strategy is null)
        {
            missing.Add("strategy");
        }

        if (bot is null)
        {
            missing.Add("bot");
        }

        var executions = s.AllVenues.Select(v => v.Execution).OfType<ExecutionStatus>().ToList();
        var requests = executions.SelectMany(e => e.Counters)
            .Where(c => c.Key.Contains(" /fapi/", StringComparison.Ordinal))
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);
        var (pnl, source) = Pnl(s);
        return new RunSummary(
            bot?.Mode.ToConfigString() ?? "unknown",
            venue,
            Math.Round(took.TotalSeconds, 1),
            strategy?.Bars ?? 0,
            strategy?.Signals ?? 0,
            Sorted(strategy?.Actions),
            strategy?.Trades ?? 0,
            Math.Round(strategy?.GrossR ?? 0, 4),
            pnl,
            source,
            Sorted(strategy?.ExitsByReason),
            Sorted(s.Risk?.DropsByReason),
            bot?.PauseEpisodes ?? 0,
            bot?.Paused ?? false,
            Sorted(requests),
            executions.Sum(e => e.OpenPositions.Count),
            missing);
    }

    /// <summary>
    /// The run's USD PnL and whose figure it is (<see cref="PnlSources"/>): routed trades carry their execution's
    /// (the venue's realised, or paper's modelled fills), the others the trader's in-process book. A run routes all its
    /// entries or none; with no trade yet, a running execution says they would be routed.
    /// </summary>
    public static (decimal Usd, string Source) Pnl(ServiceSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Strategy is not { } strategy)
        {
            return (0m, s.Execution is null ? PnlSources.InProcess : PnlSources.Venue);
        }

        var inProcess = double.IsFinite(strategy.NetPnl) && Math.Abs(strategy.NetPnl) < 1e15 ? (decimal)strategy.NetPnl : 0m;
        var routed = strategy.RoutedTrades > 0 || (strategy.Trades == 0 && s.Execution is not null);
        return (Math.Round(strategy.RealizedPnlUsd + inProcess, 8), routed ? strategy.RoutedPnlSource : PnlSources.InProcess);
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
        text.Append(CultureInfo.InvariantCulture, $"  trades: {Trades} closed, {GrossR:+0.00;-0.00;0} R, PnL {PnlUsd:+0.00;-0.00;0} USD ({PnlSources.Describe(PnlSource)})");
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
