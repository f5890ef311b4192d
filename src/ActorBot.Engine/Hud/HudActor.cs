using ActorBot.Domain.Hud;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Hud;

/// <summary>
/// <c>/user/hud</c>: the operator's Telegram HUD. It listens on the event stream (SAFE_PAUSE, venue health, the
/// strategy's records, kill switch, reconcile drift), formats each event (<see cref="HudFormatter"/>) and sends it
/// through an <see cref="IHudSender"/> under a pure <see cref="HudThrottle"/> (dedup, per-minute budget, bounded
/// queue, <c>retry_after</c>). One send is in flight at a time and runs off the message loop (PipeTo), so a slow
/// or dead Bot API only fills the bounded queue (drops counted): it never blocks this actor, let alone trading.
/// Time is the scheduler's, so tests drive the daily summary and back-offs on virtual time.
/// </summary>
public sealed class HudActor : ReceiveActor, IWithTimers
{
    private readonly HudSettings _settings;
    private readonly HudStartup _startup;
    private readonly IHudSender _sender;
    private readonly HudThrottle _throttle;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private DailyTally _today = new(DateOnly.MinValue);
    private bool _inFlight;
    private bool _paused;
    private IReadOnlyList<string> _pauseReasons = [];
    private long _sent;
    private long _failed;
    private long _rateLimited;
    private string? _lastError;

    public HudActor(HudSettings settings, HudStartup startup, IHudSender sender)
    {
        _settings = settings;
        _startup = startup;
        _sender = sender;
        _throttle = new HudThrottle(settings.Throttle);

        Receive<SafePauseChanged>(OnSafePause);
        Receive<VenueHealthChanged>(m => Offer(HudFormatter.Venue(m), $"venue:{m.Venue}"));
        Receive<SignalRecord>(OnSignal);
        Receive<TradeRecord>(m =>
        {
            _today.AddTrade(m.Trade.Outcome.RFinal, m.Fill.NetPnl);
            Offer(HudFormatter.TradeClosed(m));
        });
        Receive<RoutedTradeRecord>(m =>
        {
            _today.AddTrade(m.R, (double)m.RealizedPnl);
            Offer(HudFormatter.TradeClosed(m));
        });
        Receive<KillSwitchChanged>(m => Offer(HudFormatter.KillSwitch(m), "kill-switch"));
        Receive<ReconcileDriftDetected>(m => Offer(HudFormatter.Drift(m)));
        Receive<DailySummaryDue>(OnDailySummary);
        Receive<PumpHud>(_ => Pump());
        Receive<HudSendCompleted>(OnSendCompleted);
        Receive<GetHudStatus>(_ => Sender.Tell(Status()));
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, Status()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private long NowMs => Now.ToUnixTimeMilliseconds();

    /// <summary>
    /// Subscribes <paramref name="hud"/> to every event it reports. Idempotent. The actor does it in PreStart too, but
    /// PreStart runs asynchronously: whoever starts the HUD next to other actors calls this right after ActorOf, so
    /// an event published before the HUD has started (the bot's first SAFE_PAUSE) waits in its mailbox.
    /// </summary>
    public static void Subscribe(ActorSystem system, IActorRef hud)
    {
        ArgumentNullException.ThrowIfNull(system);
        foreach (var type in new[] { typeof(SafePauseChanged), typeof(VenueHealthChanged), typeof(SignalRecord), typeof(TradeRecord), typeof(RoutedTradeRecord), typeof(KillSwitchChanged), typeof(ReconcileDriftDetected) })
        {
            system.EventStream.Subscribe(hud, type);
        }
    }

    protected override void PreStart()
    {
        Subscribe(Context.System, Self);
        _today = new DailyTally(DateOnly.FromDateTime(Now.UtcDateTime));
        ScheduleDailySummary();
        Offer(HudFormatter.Startup(_startup));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void OnSafePause(SafePauseChanged m)
    {
        var text = HudFormatter.SafePause(_paused, _pauseReasons, m.Paused, m.Reasons);
        _paused = m.Paused;
        _pauseReasons = m.Reasons;
        if (text is not null)
        {
            Offer(text, "safe-pause");
        }
    }

    private void OnSignal(SignalRecord m)
    {
        if (m.Action == EntryAction.Opened)
        {
            Offer(HudFormatter.TradeOpened(m, _startup.Geometry));
            return;
        }

        _today.AddDrop(m.Reason ?? Strategy.StrategyRecorder.ActionName(m.Action));
        if (_settings.Decisions)
        {
            Offer(HudFormatter.Decision(m));
        }
    }

    private void OnDailySummary(DailySummaryDue m)
    {
        var ended = _today.Day == m.Day ? _today : new DailyTally(m.Day);
        _today = new DailyTally(m.Day.AddDays(1));
        Offer(HudFormatter.DailySummary(ended, _throttle.Dropped));
        ScheduleDailySummary();
    }

    /// <summary>A single timer to the next midnight UTC (not periodic: the day's length is measured from now).</summary>
    private void ScheduleDailySummary()
    {
        var now = Now.UtcDateTime;
        var midnight = new DateTimeOffset(now.Date.AddDays(1), TimeSpan.Zero);
        Timers.StartSingleTimer("daily-summary", new DailySummaryDue(DateOnly.FromDateTime(now)), midnight - Now);
    }

    private void Offer(string text, string? topic = null)
    {
        if (_throttle.Offer(text, NowMs, topic) == HudOffer.Dropped)
        {
            _log.Warning("HUD queue full ({0} waiting): message dropped (hud_dropped_total {1})", _throttle.Queued, _throttle.Dropped);
        }

        Pump();
    }

    private void Pump()
    {
        if (_inFlight)
        {
            return;
        }

        var next = _throttle.Next(NowMs);
        if (next.WakeAtMs is { } wake)
        {
            Timers.StartSingleTimer("pump", PumpHud.Instance, TimeSpan.FromMilliseconds(Math.Max(1, wake - NowMs)));
            return;
        }

        if (next.Text is not { } text)
        {
            return;
        }

        _inFlight = true;
        var events = next.Events;
        _sender.SendAsync(text, _stopping.Token).PipeTo(
            Self,
            success: r => new HudSendCompleted(text, events, r),
            failure: ex => new HudSendCompleted(text, events, HudSendResult.Failed(ex.GetType().Name)));
    }

    private void OnSendCompleted(HudSendCompleted m)
    {
        _inFlight = false;
        if (m.Result.Ok)
        {
            _sent++;
        }
        else if (m.Result.RetryAfter is { } wait)
        {
            _rateLimited++;
            _lastError = m.Result.Error;
            _log.Warning("HUD rate limited by the Bot API: waiting {0}s before the next message", wait.TotalSeconds);
            _throttle.RetryAfter(m.Text, NowMs, wait);
        }
        else
        {
            // Not retried: a HUD that keeps resending one failing message would starve the ones after it.
            _failed++;
            _lastError = m.Result.Error;
            _log.Warning("HUD message not delivered ({0} failed so far): {1}", _failed, m.Result.Error ?? "unknown error");
        }

        Pump();
    }

    private HudStatus Status() => new(
        _sent,
        _failed,
        _throttle.Dropped,
        _throttle.Duplicates,
        _throttle.Coalesced,
        _rateLimited,
        _throttle.Queued,
        _throttle.BlockedUntilMs is { } until ? DateTimeOffset.FromUnixTimeMilliseconds(until) : null,
        _lastError);
}
