using ActorBot.Domain.Reconciliation;
using ActorBot.Domain.Supervision;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Binance.Streams;
using ActorBot.Venues.Binance.UserData;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Venues.Account;

/// <summary>
/// <c>/user/venues/{venue}/account</c>: owns the user-data stream (listenKey, keep-alive, re-creation) and the
/// venue's account as last read. ORDER_TRADE_UPDATE and ALGO_UPDATE go on to <c>execution</c>; ACCOUNT_UPDATE moves
/// balances and positions here. At start it sets each symbol's margin type and leverage, and it re-reads balances,
/// positions, open orders and open algo orders over REST at start, after every user-data gap (a reconnect means a new
/// listenKey and lost events) and every <c>reconcile-interval</c> — each read is reconciled against execution's
/// view (this file: lifecycle and the stream; <c>AccountActor.Reconcile.cs</c>: reconciliation and setup).
/// </summary>
public sealed partial class AccountActor : ReceiveActor, IWithTimers
{
    private readonly AccountSettings _settings;
    private readonly BinanceRestClient _rest;
    private readonly Uri? _userStreamBase;
    private readonly DecodeErrorCounter _errors;
    private readonly IActorRef _execution;
    private readonly IActorRef _bot;
    private readonly ICanTell? _risk;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, (decimal Wallet, decimal Available)> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HeldPosition> _positions = new(StringComparer.Ordinal);
    private IReadOnlyList<OrderResponse> _openOrders = [];
    private IReadOnlyList<AlgoOrderResponse> _openAlgos = [];
    private UserDataStreamClient? _stream;
    private long _connects;
    private long _gaps;
    private long _accountUpdates;

    /// <param name="userStreamBase">The venue's WebSocket base for the user-data stream; null runs without one (REST reads only).</param>
    /// <param name="execution">/venues/{venue}/execution: gets the stream's order events and answers the reconcile's status ask.</param>
    /// <param name="bot">/user/bot: SAFE_PAUSE causes (reconcile drift, a symbol whose leverage could not be set).</param>
    /// <param name="risk">/user/bot/risk: free balance and exchange filters; null when nothing sizes entries.</param>
    public AccountActor(AccountSettings settings, BinanceRestClient rest, Uri? userStreamBase, DecodeErrorCounter errors, IActorRef execution, IActorRef bot, ICanTell? risk)
    {
        _settings = settings;
        _rest = rest;
        _userStreamBase = userStreamBase;
        _errors = errors;
        _execution = execution;
        _bot = bot;
        _risk = risk;
        _driftLog = new DriftLog(settings.DriftFile);
        _persistence = DriftPersistence.Create(settings.DriftPersistChecks);

        Receive<OrderTradeUpdate>(e => _execution.Tell(e, Self));
        Receive<AlgoUpdate>(e => _execution.Tell(e, Self));
        Receive<AccountUpdate>(OnAccountUpdate);
        Receive<UserStreamConnected>(OnConnected);
        Receive<ReconcileTick>(_ => StartReconcile());
        Receive<ReconcileNow>(_ => StartReconcile());
        Receive<ReconcileLoaded>(OnReconcileLoaded);
        Receive<SetupRetry>(_ => StartSetup());
        Receive<SetupFinished>(OnSetupFinished);
        Receive<GetAccountStatus>(_ => Sender.Tell(Status()));
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, Status()));
        // TRADE_LITE, ACCOUNT_CONFIG_UPDATE, MARGIN_CALL, listenKeyExpired (the client reconnects by itself): nothing to do here.
        Receive<UserDataEvent>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private long NowMs => Context.System.Scheduler.Now.ToUnixTimeMilliseconds();

    public static Props Props(AccountSettings settings, BinanceRestClient rest, Uri? userStreamBase, DecodeErrorCounter errors, IActorRef execution, IActorRef bot, ICanTell? risk) =>
        Akka.Actor.Props.Create(() => new AccountActor(settings, rest, userStreamBase, errors, execution, bot, risk));

    protected override void PreStart()
    {
        if (_userStreamBase is not null)
        {
            var self = Self;
            // The client's loop only sends messages: events and connects are handled here, in order.
            _stream = new UserDataStreamClient(_rest, _userStreamBase, _errors, e =>
            {
                self.Tell(e);
                return ValueTask.CompletedTask;
            })
            {
                RetryDelay = TimeSpan.FromMilliseconds(200),
                Connected = n => self.Tell(new UserStreamConnected(n)),
            };
            _stream.Start();
        }

        StartSetup();
        StartReconcile();
        Timers.StartPeriodicTimer("reconcile", ReconcileTick.Instance, _settings.ReconcileEvery);
    }

    protected override void PostStop()
    {
        // Closing the socket is async; nothing here may block the dispatcher thread.
        _ = _stream?.DisposeAsync().AsTask();
        // A stopped account can no longer vouch for the venue: whatever it raised stays until its next incarnation's
        // first clean check clears it (clearing here would un-pause an unverified venue).
    }

    private void OnConnected(UserStreamConnected m)
    {
        _connects = m.Connects;
        if (m.Connects > 1)
        {
            // Events between the old socket and the new one are lost: the venue's REST view is the only truth now.
            _gaps++;
            _log.Warning("account {0}: user-data stream reconnected (listenKey #{1}): re-reading the account", _settings.Venue, _stream?.ListenKeysCreated);
        }

        StartReconcile();
    }

    private void OnAccountUpdate(AccountUpdate u)
    {
        _accountUpdates++;
        foreach (var b in u.Balances)
        {
            var available = _balances.TryGetValue(b.Asset, out var old) ? old.Available : 0m;
            _balances[b.Asset] = (b.WalletBalance, available);
        }

        foreach (var p in u.Positions.Where(p => p.PositionSide is "BOTH" or ""))
        {
            if (p.PositionAmount == 0)
            {
                _positions.Remove(p.Symbol);
            }
            else
            {
                _positions[p.Symbol] = new HeldPosition(p.Symbol, p.PositionAmount, p.EntryPrice);
            }
        }
    }

    private AccountStatus Status() => new(
        _settings.Venue,
        _balances.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new AccountBalance(b.Key, b.Value.Wallet, b.Value.Available)).ToList(),
        _positions.Values.OrderBy(p => p.Symbol, StringComparer.Ordinal).ToList(),
        _openOrders,
        _openAlgos,
        _stream?.ListenKeysCreated ?? 0,
        _connects,
        _gaps,
        _reconciles,
        _reconcileFailures,
        _reconcilesSkipped,
        _lastReconcileMs,
        _driftByKind.Values.Sum(),
        new Dictionary<string, long>(_driftByKind, StringComparer.Ordinal),
        _driftPaused,
        _setup.Values.OrderBy(s => s.Symbol, StringComparer.Ordinal).ToList());
}
