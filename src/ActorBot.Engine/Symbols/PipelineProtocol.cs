using ActorBot.Domain.Barriers;
using ActorBot.Domain.Bars;
using ActorBot.Domain.Models;
using ActorBot.Domain.Paper;
using ActorBot.Domain.ShockFlip;
using Akka.Actor;

namespace ActorBot.Engine.Symbols;

/// <summary>
/// Trades of one symbol in arrival order, as the market actor delivers them (live: one WebSocket frame's
/// worth; replay: up to N trades of one minute). Batched because a message per trade would cost more than
/// the bar update it carries; the memory is owned by the sender and never mutated after the send.
/// With <see cref="AckRequested"/> the pipeline answers the sender <see cref="PipelineDrained"/> once the batch
/// and everything it caused have passed /trader (the replay driver's backpressure).
/// </summary>
public sealed record TradeBatch(string Symbol, ReadOnlyMemory<TradeTick> Trades, bool AckRequested = false)
{
    public long LastEventTimeMs => Trades.Length == 0 ? long.MinValue : Trades.Span[^1].TimestampMs;
}

/// <summary>Flows down bars → shockflip → trader behind everything sent before it; the trader answers <see cref="PipelineDrained"/>.</summary>
public sealed record PipelineMark(IActorRef ReplyTo);

/// <summary>The symbol pipeline processed everything sent to it before the request.</summary>
public sealed record PipelineDrained(string Symbol);

/// <summary>End of data (replay): the open bar is flushed, open trades are closed at the last bar; answered with <see cref="PipelineCounters"/>.</summary>
public sealed record EndOfData(string Symbol);

/// <summary>Internal: <see cref="EndOfData"/> on its way down the pipeline, collecting each stage's counters.</summary>
public sealed record FlushPipeline(string Symbol, IActorRef ReplyTo, long MalformedTrades, long LateTrades, long RejectedBars, long Signals);

/// <summary>/bars → /shockflip: a closed 1-minute bar.</summary>
public sealed record BarClosed(string Symbol, Bar Bar);

/// <summary>The symbol's own SAFE_PAUSE cause (stale data) changed; sent down the pipeline in order with the bars.</summary>
public sealed record SymbolPauseChanged(string Symbol, bool Paused);

/// <summary>/shockflip → /trader: a closed bar, with the signal and its routing decision if the bar fired one.</summary>
public sealed record BarAnalysed(string Symbol, Bar Bar, SnapSignal? Signal, RoutingDecision? Decision, string? EventId);

/// <summary>
/// The symbol's minute-close timer fired: the minute ending at <paramref name="MinuteEndMs"/> is over on the
/// scheduler's clock. Sent by /{symbol} to /bars (so it is ordered with the stale watchdog's messages).
/// </summary>
public sealed record CloseMinute(long MinuteEndMs);

/// <summary>What /trader did with a signal.</summary>
public enum EntryAction
{
    Opened,
    SkippedBelowMinProb,
    SkippedPositionOpen,
    SkippedSafePause,

    /// <summary>Routed entries only: /risk refused the intent (the record's reason is the risk_drops_total label).</summary>
    SkippedRiskRejected,

    /// <summary>Routed entries only: risk approved, the venue did not fill (the record's reason is execution's).</summary>
    SkippedEntryFailed,
}

/// <summary>
/// Record for the telemetry sink: an event, both model probabilities, the decision and what the trader did;
/// <paramref name="Reason"/> says why a routed entry was skipped (null on the paper path).
/// </summary>
public sealed record SignalRecord(string Symbol, string EventId, SnapSignal Signal, RoutingDecision Decision, EntryAction Action, string? Reason = null);

/// <summary>Record for the telemetry sink: a closed paper/shadow trade with its fills and costs.</summary>
public sealed record TradeRecord(string Symbol, ClosedSnapTrade Trade, bool EndOfData, FillResult Fill);

/// <summary>
/// Record for the telemetry sink: a routed trade the venue closed (<see cref="Trading.PositionClosed"/>): actual fills,
/// the venue's realised PnL and the barrier R at the actual entry.
/// </summary>
public sealed record RoutedTradeRecord(string Symbol, string EventId, int Side, double EntryFill, double ExitFill, decimal Quantity, decimal RealizedPnl, double R, string Reason, long DecisionTimeMs = 0);

/// <summary>Counters of one symbol pipeline, reported at <see cref="EndOfData"/>.</summary>
public sealed record PipelineCounters(
    string Symbol,
    long MalformedTrades,
    long LateTrades,
    long RejectedBars,
    long Signals,
    IReadOnlyDictionary<EntryAction, long> Actions,
    long OpenTradesClosedAtEnd);
