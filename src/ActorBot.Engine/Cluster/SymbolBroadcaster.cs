using ActorBot.Engine.Bot;
using ActorBot.Engine.Probing;
using Akka.Actor;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// The venue-account singleton's stand-in for <c>/user/bot</c>: the pause causes its health and account raise (venue
/// disabled, clock offset, reconcile drift, a symbol whose leverage could not be set) go to the entities of the
/// venue's symbols through the shard region — a venue-wide cause to all of them, a symbol's cause to that symbol.
/// Delivery through the region is at most once and entities move, so every cause still raised is sent again each
/// <c>resend</c> interval (raising twice changes nothing in a bot).
/// </summary>
public sealed class SymbolBroadcaster : ReceiveActor, IWithTimers
{
    private readonly string _venue;
    private readonly IReadOnlyList<string> _symbols;
    private readonly IActorRef _region;
    private readonly TimeSpan _resend;
    private readonly HashSet<Domain.Supervision.PauseReason> _raised = [];
    private long _sent;

    public SymbolBroadcaster(string venue, IReadOnlyList<string> symbols, IActorRef region, TimeSpan resend)
    {
        _venue = venue;
        _symbols = symbols;
        _region = region;
        _resend = resend;
        Receive<RaisePause>(m =>
        {
            _raised.Add(m.Reason);
            Send(m, m.Reason);
        });
        Receive<ClearPause>(m =>
        {
            _raised.Remove(m.Reason);
            Send(m, m.Reason);
        });
        Receive<Resend>(_ =>
        {
            foreach (var reason in _raised)
            {
                Send(new RaisePause(reason), reason);
            }
        });
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new { venue = _venue, symbols = _symbols, raised = _raised.Select(r => r.ToString()).ToList(), sent = _sent }));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string venue, IReadOnlyList<string> symbols, IActorRef region, TimeSpan? resend = null) =>
        Akka.Actor.Props.Create(() => new SymbolBroadcaster(venue, symbols, region, resend ?? TimeSpan.FromSeconds(5)));

    protected override void PreStart() => Timers.StartPeriodicTimer("resend", Resend.Instance, _resend);

    private void Send(object message, Domain.Supervision.PauseReason reason)
    {
        foreach (var symbol in _symbols.Where(s => !reason.IsSymbolScoped || reason.Scope == s))
        {
            _sent++;
            _region.Tell(new ToSymbol(_venue, symbol, message));
        }
    }

    private sealed record Resend
    {
        public static readonly Resend Instance = new();
    }
}
