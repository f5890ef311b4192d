using ActorBot.Engine.Probing;
using ActorBot.Engine.Risk;
using Akka.Actor;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// The portfolio risk singleton (<c>risk</c>, cluster mode): <c>risk</c>, the same <see cref="RiskActor"/> as on one
/// node (persistence id <c>risk</c>: daily loss cap, loss streak, open-trade caps and the kill switch hold across every
/// node), with entries going to each venue's singleton and replies to each symbol's trader through the shard region.
/// At every start it asks every symbol entity to send its entry conditions again (<see cref="ResendRiskState"/>):
/// until a symbol answers, the new incarnation holds it cold and paused.
/// </summary>
public sealed class RiskSingletonActor : ReceiveActor
{
    private readonly RiskWiring _wiring;
    private readonly IActorRef _region;
    private IActorRef _child = ActorRefs.Nobody;

    public RiskSingletonActor(RiskWiring wiring, IActorRef region)
    {
        _wiring = wiring;
        _region = region;
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new { singleton = ClusterNames.RiskSingleton, node = Context.System.Name, symbols = _wiring.VenueOfSymbol.Count }));
        ReceiveAny(m => _child.Forward(m));
    }

    protected override void PreStart()
    {
        var wiring = _wiring;
        _child = Context.ActorOf(Props.Create(() => new RiskActor(wiring)), "risk");
        foreach (var (symbol, venue) in _wiring.VenueOfSymbol)
        {
            _region.Tell(new ToSymbol(venue, symbol, ResendRiskState.Instance));
        }
    }
}
