using System.Diagnostics;
using ActorBot.Domain.Execution;
using ActorBot.Domain.Sizing;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Telemetry;
using ActorBot.Engine.Trading;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Binance.Streams;
using ActorBot.Venues.Binance.UserData;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorBot.Engine.Venues.Execution;

/// <summary>
/// <c>/user/venues/{venue}/execution</c> (persistent, <c>execution-{venue}</c>): approved entries → orders. A thin shell
/// around the Domain (<see cref="ClientOrderId"/>, <see cref="OrderLifecycle"/>, <see cref="BracketPlan"/>,
/// <see cref="RestartFlattenPlanner"/>): every order is journaled before its request leaves; all venue IO runs on
/// the REST client's tasks and comes back with PipeTo. Crash-only (STYLE 3): start and restart both recover the
/// journal and run restart-flatten (<see cref="ExecutionPhase.Restarting"/>, intents stashed) before the first intent.
/// This file: lifecycle and the two phases; the entry path, user data, restart and cancel-all, and the strategy's
/// close (ExecutionActor.Close.cs) live in the partials.
/// </summary>
public sealed partial class ExecutionActor : ReceivePersistentActor, IWithTimers
{
    private readonly ExecutionSettings _settings;
    private readonly BinanceRestClient _rest;
    private readonly Uri? _userStreamBase;
    private readonly DecodeErrorCounter _errors;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ActorBotMetrics _metrics = ActorBotMetrics.For(Context.System);
    private readonly Dictionary<string, IActorRef> _replyTo = new(StringComparer.Ordinal);
    private readonly ICanTell? _orphanOutcomes;
    private readonly Func<string?>? _entryFence;
    private readonly Func<string?>? _writeFence;
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string> _algoByVenueOrderId = [];
    private readonly Dictionary<string, string> _closing = new(StringComparer.Ordinal);
    private readonly HashSet<string> _entriesReported = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bracketsReported = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, SymbolFilters> _filters = new Dictionary<string, SymbolFilters>(StringComparer.Ordinal);
    private ExecutionState _state = ExecutionState.Empty;
    private ExecutionPhase _phase = ExecutionPhase.Restarting;
    private RestartReport? _lastRestart;
    private UserDataStreamClient? _stream;
    private int _queued;

    /// <param name="userStreamBase">The venue's WebSocket base: the actor runs the user-data stream itself and feeds its
    /// ORDER_TRADE_UPDATE / ALGO_UPDATE in as messages. Null: someone else (an account actor) sends them.</param>
    /// <param name="orphanOutcomes">where an outcome goes that nobody in this incarnation asked for; null: the event stream.</param>
    /// <param name="entryFence">cluster mode: asked before each entry is sent; a reason refuses it (EntryFailed). Null: none.</param>
    /// <param name="writeFence">cluster mode: asked before brackets and closes are placed; a reason holds them
    /// (ExecutionActor.WriteFence.cs). Null: none.</param>
    public ExecutionActor(ExecutionSettings settings, BinanceRestClient rest, Uri? userStreamBase, DecodeErrorCounter errors, ICanTell? orphanOutcomes = null, Func<string?>? entryFence = null, Func<string?>? writeFence = null)
    {
        _orphanOutcomes = orphanOutcomes;
        _entryFence = entryFence;
        _writeFence = writeFence;
        _settings = settings;
        _rest = rest;
        _userStreamBase = userStreamBase;
        _errors = errors;
        PersistenceId = $"execution-{settings.Venue}";

        RecoverSnapshots(settings.SnapshotEvery);
        Recover<IExecutionEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => BeginRestart());
        Restarting();
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    private long NowMs => Context.System.Scheduler.Now.ToUnixTimeMilliseconds();

    public static Props Props(ExecutionSettings settings, BinanceRestClient rest, Uri? userStreamBase, DecodeErrorCounter errors, ICanTell? orphanOutcomes = null, Func<string?>? entryFence = null, Func<string?>? writeFence = null) =>
        Akka.Actor.Props.Create(() => new ExecutionActor(settings, rest, userStreamBase, errors, orphanOutcomes, entryFence, writeFence));

    protected override void PreStart()
    {
        // Started before recovery so no fill or trigger after the restart read is missed: events arrive as messages
        // and wait in the stash while restart-flatten runs.
        if (_userStreamBase is not null)
        {
            var self = Self;
            _stream = new UserDataStreamClient(_rest, _userStreamBase, _errors, e =>
            {
                if (e is OrderTradeUpdate or AlgoUpdate)
                {
                    self.Tell(e);
                }

                return ValueTask.CompletedTask;
            })
            { RetryDelay = TimeSpan.FromMilliseconds(200) };
            _stream.Start();
        }

        base.PreStart();
    }

    protected override void PostStop()
    {
        // Closing the socket is async; nothing here may block the dispatcher thread.
        _ = _stream?.DisposeAsync().AsTask();
        SnapshotAtStop();
        base.PostStop();
    }

    /// <summary>Restart-flatten is running: intents and venue events wait; status and the kill switch are served.</summary>
    private void Restarting()
    {
        Command<GetExecutionStatus>(_ => Sender.Tell(Status()));
        Command<ProbeState>(_ => ProbeReply.Answer(Context, Status()));
        Command<CancelAll>(OnCancelAll);
        Command<CancelAllFinished>(OnCancelAllFinished);
        Command<VenueViewLoaded>(OnViewLoaded);
        Command<RestartExecuted>(OnRestartExecuted);
        Command<RestartRetry>(_ => LoadView());
        Command<HeldWrite>(Write);
        SnapshotCommands();
        CommandAny(m =>
        {
            if (m is PlaceEntry)
            {
                _queued++;
            }

            Stash.Stash();
        });
    }

    private void Ready()
    {
        Command<GetExecutionStatus>(_ => Sender.Tell(Status()));
        Command<ProbeState>(_ => ProbeReply.Answer(Context, Status()));
        Command<PlaceEntry>(OnPlaceEntry);
        Command<EntryAnswer>(OnEntryAnswer);
        Command<LookupDue>(OnLookupDue);
        Command<LookupAnswer>(OnLookupAnswer);
        Command<BracketAnswers>(OnBracketAnswers);
        Command<FlattenAnswer>(OnFlattenAnswer);
        Command<FlattenRetry>(m => FlattenTrade(m.EventId, m.Reason, m.Attempt));
        Command<HeldWrite>(Write);
        Command<ClosePosition>(OnClosePosition);
        Command<SyncTrade>(OnSyncTrade);
        Command<SiblingCanceled>(OnSiblingCanceled);
        Command<OrderTradeUpdate>(OnOrderTradeUpdate);
        Command<AlgoUpdate>(OnAlgoUpdate);
        Command<CancelAll>(OnCancelAll);
        Command<CancelAllFinished>(OnCancelAllFinished);
        Command<UserDataEvent>(_ => Count("stream other"));
        SnapshotCommands();
    }

    private void Count(string key, long by = 1) => _counters[key] = _counters.GetValueOrDefault(key) + by;

    private void Count<T>(string route, RestResult<T> result)
        where T : class => CountRequest(route, ExecutionVenueCalls.StatusOf(result));

    /// <summary>A venue request: in the status counters and <c>actorbot_orders_total{venue,route,status}</c>.</summary>
    private void CountRequest(string route, string status)
    {
        Count($"{route} {status}");
        _metrics.Orders.Add(
            1,
            new KeyValuePair<string, object?>("venue", _settings.Venue),
            new KeyValuePair<string, object?>("route", route),
            new KeyValuePair<string, object?>("status", status));
    }

    /// <summary>Persists the events in order, applying each to the state, then runs <paramref name="then"/> once.</summary>
    private void PersistThen(IReadOnlyList<IExecutionEvent> events, Action then)
    {
        if (events.Count == 0)
        {
            then();
            return;
        }

        // Not DeferAsync: a persist issued from a deferred handler is only flushed with the next command, and commands
        // are stashed meanwhile, so it would never run. Counting the handlers keeps "then" inside the persist handler.
        var remaining = events.Count;
        var started = Stopwatch.GetTimestamp();
        PersistAll(events, e =>
        {
            _metrics.PersistDone(PersistenceId, started);
            _state = _state.Apply(e);
            SnapshotIfDue();
            PublishJournaled(e);
            if (--remaining == 0)
            {
                then();
            }
        });
    }

    private void Reply(string eventId, object message)
    {
        if (_replyTo.TryGetValue(eventId, out var to))
        {
            to.Tell(message);
        }
        else if (message is PositionClosed or EntryFailed)
        {
            // Nobody in this incarnation asked (the entry came before a restart, and restart-flatten closed it): the
            // outcome still has to reach /risk, whose book holds the trade's slot, and through it the trader. /risk
            // subscribes to these on the event stream; a duplicate there is counted and ignored. In a cluster /risk may run
            // on another node: the outcome goes to its singleton proxy instead.
            if (_orphanOutcomes is { } risk)
            {
                risk.Tell(message, Self);
            }
            else
            {
                Context.System.EventStream.Publish(message);
            }
        }
    }

    private ExecutionStatus Status()
    {
        var inDoubt = _state.OpenTrades
            .Where(t => t.Entry.State is OrderState.InDoubt or OrderState.Sent)
            .Select(t => new InDoubtOrder(t.EventId, t.Symbol, t.Entry.ClientOrderId)).ToList();
        var open = _state.OpenTrades.Where(t => t.OpenQuantity > 0)
            .Select(t => new OwnedPosition(t.EventId, t.Symbol, t.Direction, t.OpenQuantity, t.Entry.AveragePrice,
                t.StopLoss is { MayBeOpen: true } ? t.StopLoss.ClientAlgoId : null,
                t.TakeProfit is { MayBeOpen: true } ? t.TakeProfit.ClientAlgoId : null)).ToList();
        return new ExecutionStatus(_settings.Venue, _phase, _queued, inDoubt, open, _lastRestart, new Dictionary<string, long>(_counters, StringComparer.Ordinal));
    }
}
