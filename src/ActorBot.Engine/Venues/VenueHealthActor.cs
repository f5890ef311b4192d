using ActorBot.Domain.Supervision;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Probing;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Venues;

/// <summary>
/// <c>/user/venues/{venue}/health</c>: Healthy ↔ Disabled. Disabled while the REST gateway reports an IP ban,
/// or while the market stream has been down longer than the grace period (a blip of a reconnect must not
/// pause trading; a lasting outage must). Transitions go to the bot as
/// <see cref="RaisePause"/>/<see cref="ClearPause"/> with <see cref="PauseReason.VenueDisabled"/>. The stream
/// counts as down from the start until it is first proven, so a venue that never connects ends up Disabled.
/// </summary>
public sealed class VenueHealthActor : ReceiveActor, IWithTimers
{
    private readonly string _venue;
    private readonly TimeSpan _grace;
    private readonly IActorRef _bot;
    private readonly Func<VenueStatus> _restStatus;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _streamUp;
    private DateTimeOffset _downSince;
    private VenueStatus _rest = VenueStatus.Healthy;
    private VenueStatus _reported = VenueStatus.Healthy;
    private string _detail = "market stream not connected yet";

    /// <param name="restStatus">Reads the REST gateway's status (thread-safe on the gateway's side); polled on each tick because a ban's end has no event.</param>
    public VenueHealthActor(string venue, TimeSpan grace, IActorRef bot, Func<VenueStatus> restStatus)
    {
        _venue = venue;
        _grace = grace;
        _bot = bot;
        _restStatus = restStatus;

        Receive<StreamStateChanged>(m =>
        {
            if (m.Up != _streamUp)
            {
                _streamUp = m.Up;
                if (!m.Up)
                {
                    _downSince = Context.System.Scheduler.Now;
                }
            }

            _detail = m.Detail;
            Evaluate();
        });
        Receive<RestStatusChanged>(m =>
        {
            _rest = m.Status;
            Evaluate();
        });
        Receive<HealthTick>(_ =>
        {
            _rest = _restStatus();
            Evaluate();
        });
        Receive<GetVenueHealth>(_ => Sender.Tell(Health()));
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, Health()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        _downSince = Context.System.Scheduler.Now;
        var tick = TimeSpan.FromTicks(Math.Clamp(_grace.Ticks / 4, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond));
        Timers.StartPeriodicTimer("health-tick", HealthTick.Instance, tick);
    }

    private void Evaluate()
    {
        var disabled = _rest == VenueStatus.Disabled
            || (!_streamUp && Context.System.Scheduler.Now - _downSince >= _grace);
        var status = disabled ? VenueStatus.Disabled : VenueStatus.Healthy;
        if (status == _reported)
        {
            return;
        }

        _reported = status;
        if (disabled)
        {
            var why = _rest == VenueStatus.Disabled ? "REST gateway banned (418)" : $"market stream down: {_detail}";
            _log.Warning("venue {0} disabled: {1}", _venue, why);
            _bot.Tell(new RaisePause(PauseReason.VenueDisabled(_venue)));
            Context.System.EventStream.Publish(new VenueHealthChanged(_venue, Disabled: true, why));
        }
        else
        {
            _log.Info("venue {0} healthy again", _venue);
            _bot.Tell(new ClearPause(PauseReason.VenueDisabled(_venue)));
            Context.System.EventStream.Publish(new VenueHealthChanged(_venue, Disabled: false, "healthy again"));
        }
    }

    private VenueHealth Health() => new(_venue, _reported, _streamUp, _rest, _detail);
}
