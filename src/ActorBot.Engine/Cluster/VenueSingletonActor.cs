using ActorBot.Engine.Probing;
using ActorBot.Engine.Venues;
using Akka.Actor;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// The singleton of one venue account (<c>venue-{venue}</c>, cluster mode): <c>venue</c>, a <see cref="VenueActor"/>
/// without market streams — the REST gateway, health, <c>execution</c> (persistence id <c>execution-{venue}</c>: it
/// recovers its journal and runs restart-flatten against the venue at every start, so a takeover reconciles before it
/// accepts an intent) and <c>account</c> (user-data stream, reconciliation, balances) — and <c>symbols</c>, the
/// <see cref="SymbolBroadcaster"/> that carries its pause causes to the venue's symbol entities. Everything sent to the
/// singleton (entries and closes from /risk, cancel-all, status asks) goes to <c>venue</c>.
/// </summary>
public sealed class VenueSingletonActor : ReceiveActor
{
    private readonly VenueSettings _venue;
    private readonly VenueTrading _trading;
    private readonly IActorRef _region;
    private IActorRef _child = ActorRefs.Nobody;

    public VenueSingletonActor(VenueSettings venue, VenueTrading trading, IActorRef region)
    {
        _venue = venue;
        _trading = trading;
        _region = region;
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new { singleton = ClusterNames.VenueSingleton(_venue.Venue), node = Context.System.Name }));
        ReceiveAny(m => _child.Forward(m));
    }

    protected override void PreStart()
    {
        var venue = _venue;
        // Every entry is fenced on this node's standing at the moment it would leave (ClusterFence), unless the
        // wiring brings its own; the stall watch starts now, before any entry can arrive.
        var system = Context.System;
        ClusterFence.Watch(system);
        var trading = _trading.EntryFence is null ? _trading with { EntryFence = () => ClusterFence.Check(system) } : _trading;
        // Brackets and closes wait out a stall of this process (ExecutionActor.WriteFence.cs).
        trading = trading.WriteFence is null ? trading with { WriteFence = () => ClusterFence.CheckStall(system) } : trading;
        var broadcaster = Context.ActorOf(SymbolBroadcaster.Props(venue.Venue, venue.Symbols, _region), "symbols");
        _child = Context.ActorOf(Props.Create(() => new VenueActor(venue, broadcaster, trading, null, null, false)), "venue");
    }
}
