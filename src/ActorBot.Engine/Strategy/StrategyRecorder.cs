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
/// One closed trade as the probe shows it. <paramref name="NetPnl"/> is the paper path's net result in R (replay's unit);
/// <paramref name="PnlUsd"/> is the venue's realised PnL of a routed trade (testnet, live; null on the paper path).
/// </summary>
public sealed record TradeView(string Symbol, string EventId, long DecisionTimeMs, int Side, double Entry, double ExitPrice, string Reason, double R, double NetPnl, bool EndOfData, decimal? PnlUsd = null);

/// <summary>What the running strategy has done so far, per service lifetime.</summary>
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
    IReadOnlyDictionary<string, long>? ExitsByReason = null);

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

    public StrategyRecorder()
    {
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
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new { bars = _bars, signals = _signals, actions = new Dictionary<string, long>(_actions), trades = _tradeCount, grossR = _grossR, netPnl = _netPnl, realizedPnlUsd = _realizedUsd }));
    }

    private StrategyStatus Status() => new(
        _bars, _signals, new Dictionary<string, long>(_actions), _tradeCount, _grossR, _netPnl, _decisions.ToList(), _trades.ToList(),
        _realizedUsd, new Dictionary<string, long>(_exits));

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
        Push(_trades, new TradeView(m.Symbol, t.EventId, t.DecisionTimeMs, t.Side, t.Entry, t.Outcome.ExitPrice, t.Outcome.Reason.ToString(), t.Outcome.RFinal, m.Fill.NetPnl, m.EndOfData));
        _log.Info(
            "trade closed {0} {1} side={2} entry={3} exit={4} reason={5} R={6:0.00} net={7:0.00}",
            [m.Symbol, t.EventId, t.Side, t.Entry, t.Outcome.ExitPrice, t.Outcome.Reason, t.Outcome.RFinal, m.Fill.NetPnl]);
    }

    /// <summary>A trade the venue closed (testnet, live): its R at the actual fills and the venue's realised PnL in USD.</summary>
    private void OnRoutedTrade(RoutedTradeRecord m)
    {
        _tradeCount++;
        _grossR += m.R;
        _realizedUsd += m.RealizedPnl;
        CountExit(m.Reason);
        Push(_trades, new TradeView(m.Symbol, m.EventId, m.DecisionTimeMs, m.Side, m.EntryFill, m.ExitFill, m.Reason, m.R, m.R, false, m.RealizedPnl));
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
