using ActorBot.Domain.Bars;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Telemetry;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Strategy;

/// <summary>One decision as the probe shows it.</summary>
public sealed record DecisionView(string Symbol, string EventId, long DecisionTimeMs, int Side, double PActive, double? PShadow, bool Take, string Action);

/// <summary>
/// One closed trade as the probe shows it. <paramref name="NetPnl"/>: the in-process book's net PnL (quote currency, after
/// modelled fees and slippage); a routed trade's R. <paramref name="PnlUsd"/> is the trade's USD PnL and
/// <paramref name="PnlSource"/> says whose figure it is (<see cref="PnlSources"/>): <c>venue</c> (the venue's realised
/// PnL, testnet/live), <c>paper</c> (the paper execution's fills, net of modelled fees and slippage) or <c>in_process</c>
/// (the trader's own fill model: shadow, testnet without keys); null when it was not a finite number.
/// </summary>
public sealed record TradeView(string Symbol, string EventId, long DecisionTimeMs, int Side, double Entry, double ExitPrice, string Reason, double R, double NetPnl, bool EndOfData, decimal? PnlUsd = null, string PnlSource = PnlSources.InProcess);

/// <summary>Whose figure a USD PnL is: what filled the trade.</summary>
public static class PnlSources
{
    /// <summary>Routed to the venue (testnet, live): the venue's realised PnL.</summary>
    public const string Venue = "venue";

    /// <summary>Routed to the paper execution (trade mode paper): its fills on the venue's prints, net of modelled fees and slippage.</summary>
    public const string Paper = "paper";

    /// <summary>Never routed (shadow, testnet without keys): the trader's in-process fill model, net of modelled fees and slippage.</summary>
    public const string InProcess = "in_process";

    /// <summary>How the run summary and the dashboard name a source.</summary>
    public static string Describe(string source) => source switch
    {
        Venue => "venue realised",
        Paper => "paper fills, net of modelled fees and slippage",
        InProcess => "in-process paper book, net of modelled fees and slippage",
        _ => source,
    };
}

/// <summary>
/// What the running strategy has done so far, per service lifetime. <paramref name="RealizedPnlUsd"/> sums the routed
/// trades' USD PnL (<paramref name="RoutedTrades"/> of them; whose figure: <paramref name="RoutedPnlSource"/>);
/// <paramref name="NetPnl"/> the in-process book's (the other trades).
/// </summary>
public sealed record StrategyStatus(
    long Bars,
    long Signals,
    IReadOnlyDictionary<string, long> Actions,
    long Trades,
    double GrossR,
    double NetPnl,
    IReadOnlyList<DecisionView> RecentDecisions,
    IReadOnlyList<TradeView> RecentTrades,
    decimal RealizedPnlUsd = 0m,
    IReadOnlyDictionary<string, long>? ExitsByReason = null,
    long RoutedTrades = 0,
    string RoutedPnlSource = PnlSources.Venue);

/// <summary>Asks the recorder for <see cref="StrategyStatus"/>.</summary>
public sealed record GetStrategyStatus
{
    public static readonly GetStrategyStatus Instance = new();
}

/// <summary>
/// <c>/user/strategy</c>: the live strategy's sink (what the replay recorder is to a replay). Every symbol's
/// /bars and /trader report here; it logs each decision and closed trade, counts them, and keeps the most
/// recent ones for the probe — bounded, so a service that runs for months holds constant memory.
/// </summary>
public sealed class StrategyRecorder : ReceiveActor
{
    /// <summary>Recent decisions and trades kept for the probe.</summary>
    public const int Keep = 200;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ActorBotMetrics _metrics = ActorBotMetrics.For(Context.System);
    private readonly Queue<DecisionView> _decisions = new();
    private readonly Queue<TradeView> _trades = new();
    private readonly Dictionary<string, long> _actions = new(StringComparer.Ordinal);
    private long _bars;
    private long _signals;
    private long _tradeCount;
    private double _grossR;
    private double _netPnl;
    private decimal _realizedUsd;
    private readonly Dictionary<string, long> _exits = new(StringComparer.Ordinal);
    private readonly string _routedSource;
    private long _routed;

    public StrategyRecorder()
        : this(PnlSources.Venue)
    {
    }

    /// <param name="routedPnlSource">whose PnL a routed trade reports: <see cref="PnlSources.Venue"/>, or <see cref="PnlSources.Paper"/> in trade mode paper.</param>
    public StrategyRecorder(string routedPnlSource)
    {
        _routedSource = routedPnlSource;
        Receive<BarClosed>(_ => _bars++);
        // Published too, for /user/hud (trade opened/closed, decisions, the daily summary's drops).
        Receive<SignalRecord>(m =>
        {
            OnSignal(m);
            Context.System.EventStream.Publish(m);
        });
        Receive<TradeRecord>(m =>
        {
            OnTrade(m);
            Context.System.EventStream.Publish(m);
        });
        Receive<RoutedTradeRecord>(m =>
        {
            OnRoutedTrade(m);
            Context.System.EventStream.Publish(m);
        });
        Receive<PipelineCounters>(_ => { });
        Receive<GetStrategyStatus>(_ => Sender.Tell(Status()));
        // The counters of /strategy without its recent lists (up to 200 entries each: /strategy shows those).
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new { bars = _bars, signals = _signals, actions = new Dictionary<string, long>(_actions), trades = _tradeCount, grossR = _grossR, netPnl = _netPnl, realizedPnlUsd = _realizedUsd, routedTrades = _routed, routedPnlSource = _routedSource }));
    }

    private StrategyStatus Status() => new(
        _bars, _signals, new Dictionary<string, long>(_actions), _tradeCount, _grossR, _netPnl, _decisions.ToList(), _trades.ToList(),
        _realizedUsd, new Dictionary<string, long>(_exits), _routed, _routedSource);

    private void OnSignal(SignalRecord m)
    {
        _signals++;
        var action = ActionName(m.Action);
        _actions[action] = _actions.GetValueOrDefault(action) + 1;
        _metrics.Decisions.Add(1, new KeyValuePair<string, object?>("action", action));
        var e = m.Signal.Event;
        var view = new DecisionView(m.Symbol, m.EventId, e.DecisionTimeMs, e.Side, m.Decision.PActive, m.Decision.PShadow, m.Decision.Take, action);
        Push(_decisions, view);
        _log.Info("decision {0} {1} side={2} p_active={3:0.0000} take={4} action={5}", m.Symbol, m.EventId, e.Side, m.Decision.PActive, m.Decision.Take, action);
    }

    private void OnTrade(TradeRecord m)
    {
        _tradeCount++;
        _grossR += m.Trade.Outcome.RFinal;
        _netPnl += m.Fill.NetPnl;
        var t = m.Trade;
        CountExit(t.Outcome.Reason.ToString());
        Push(_trades, new TradeView(m.Symbol, t.EventId, t.DecisionTimeMs, t.Side, t.Entry, t.Outcome.ExitPrice, t.Outcome.Reason.ToString(), t.Outcome.RFinal, m.Fill.NetPnl, m.EndOfData,
            double.IsFinite(m.Fill.NetPnl) && Math.Abs(m.Fill.NetPnl) < 1e15 ? (decimal)m.Fill.NetPnl : null));
        _log.Info(
            "trade closed {0} {1} side={2} entry={3} exit={4} reason={5} R={6:0.00} net={7:0.00}",
            [m.Symbol, t.EventId, t.Side, t.Entry, t.Outcome.ExitPrice, t.Outcome.Reason, t.Outcome.RFinal, m.Fill.NetPnl]);
    }

    /// <summary>A routed trade closed (venue: testnet, live; or paper's execution): its R at the actual fills and its USD PnL.</summary>
    private void OnRoutedTrade(RoutedTradeRecord m)
    {
        _tradeCount++;
        _grossR += m.R;
        _routed++;
        _realizedUsd += m.RealizedPnl;
        CountExit(m.Reason);
        Push(_trades, new TradeView(m.Symbol, m.EventId, m.DecisionTimeMs, m.Side, m.EntryFill, m.ExitFill, m.Reason, m.R, m.R, false, m.RealizedPnl, _routedSource));
        _log.Info(
            "trade closed {0} {1} side={2} entry={3} exit={4} qty={5} reason={6} R={7:0.00} pnl_usd={8}",
            [m.Symbol, m.EventId, m.Side, m.EntryFill, m.ExitFill, m.Quantity, m.Reason, m.R, m.RealizedPnl]);
    }

    private void CountExit(string reason) => _exits[reason] = _exits.GetValueOrDefault(reason) + 1;

    public static string ActionName(EntryAction action) => action switch
    {
        EntryAction.Opened => "opened",
        EntryAction.SkippedBelowMinProb => "skipped_below_min_prob",
        EntryAction.SkippedPositionOpen => "skipped_position_open",
        EntryAction.SkippedSafePause => "skipped_safe_pause",
        EntryAction.SkippedRiskRejected => "skipped_risk_rejected",
        EntryAction.SkippedEntryFailed => "skipped_entry_failed",
        _ => action.ToString(),
    };

    private static void Push<T>(Queue<T> queue, T item)
    {
        queue.Enqueue(item);
        while (queue.Count > Keep)
        {
            queue.Dequeue();
        }
    }
}
