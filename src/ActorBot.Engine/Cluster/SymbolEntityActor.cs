using ActorBot.Domain.Supervision;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// The sharded entity <c>{venue}/{symbol}</c> (cluster mode): the symbol's whole subtree on whichever node owns it —
/// <c>bot</c>, a <see cref="BotActor"/> narrowed to this one symbol (bars, book, liquidations, calibrator, zones,
/// shockflip, trader; SAFE_PAUSE exactly as on one node), and <c>venue</c>, the venue's market stream for this symbol
/// only. Its persistent children recover their journals and snapshots (ids keyed by symbol, as on one node) wherever
/// the entity starts, so a takeover continues from the last write. Entries go to the portfolio risk singleton and on to
/// the venue-account singleton's execution, which reconciles with the venue whenever it starts.
/// What arrives through the shard region is handed on: trading replies to the trader, everything else to the bot.
/// While this node has lost the majority (<see cref="ClusterPauseChanged"/>) the bot holds SAFE_PAUSE <c>cluster</c>:
/// no new entries, brackets stay on the exchange.
/// </summary>
public sealed class SymbolEntityActor : ReceiveActor
{
    private readonly SymbolEntityPlan _plan;
    private readonly string _entityId;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _venue = "";
    private readonly string _symbol = "";
    private readonly bool _valid;
    private IActorRef _bot = ActorRefs.Nobody;
    private long _dropped;

    public SymbolEntityActor(SymbolEntityPlan plan, string entityId)
    {
        _plan = plan;
        _entityId = entityId;
        _valid = ClusterNames.TryParseEntityId(entityId, out _venue, out _symbol)
            && plan.Bot.Symbols.Contains(_symbol, StringComparer.Ordinal)
            && plan.Bot.VenueFor(_symbol) == _venue;

        Receive<ClusterPauseChanged>(OnClusterPause);
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new { entity = _entityId, valid = _valid, dropped = _dropped }));
        Receive<GetEntityStatus>(m => Bot(GetBotStatus.Instance, m.ReplyTo ?? Sender));
        // Trading replies: from /risk (the singleton) to this symbol's trader, wherever the entity runs now.
        Receive<TradeRejected>(ToTrader);
        Receive<EntryFilled>(ToTrader);
        Receive<BracketsPlaced>(ToTrader);
        Receive<EntryFailed>(ToTrader);
        Receive<PositionClosed>(ToTrader);
        ReceiveAny(m => Bot(m, Sender));
    }

    public static Props Props(SymbolEntityPlan plan, string entityId) => Akka.Actor.Props.Create(() => new SymbolEntityActor(plan, entityId));

    protected override void PreStart()
    {
        if (!_valid)
        {
            // Bad input (an id from an older configuration, a typo in a StartEntity): counted on the probe, never a crash.
            _log.Error("cluster entity {0} is not a configured {{venue}}/{{symbol}} of this service: it runs nothing", _entityId);
            return;
        }

        var bot = _plan.Bot with
        {
            Venue = _venue,
            Symbols = [_symbol],
            VenueOfSymbol = new Dictionary<string, string>(StringComparer.Ordinal) { [_symbol] = _venue },
            EnabledVenues = [_venue],
        };
        var pipelines = _plan.Pipelines;
        var risk = _plan.Risk;
        _bot = Context.ActorOf(Akka.Actor.Props.Create(() => new BotActor(bot, pipelines, null, risk)), "bot");
        if (_plan.Venues.TryGetValue(_venue, out var venue))
        {
            var mine = venue with { Symbols = [_symbol] };
            var keys = _plan.Keys.GetValueOrDefault(_venue);
            var botRef = _bot;
            Context.ActorOf(Akka.Actor.Props.Create(() => new VenueActor(mine, botRef, null, null, keys, true)), "venue");
        }

        // Subscribed before asking, so a change between the two is not lost; the guard answers with its present state.
        Context.System.EventStream.Subscribe(Self, typeof(ClusterPauseChanged));
        Context.ActorSelection(ClusterGuard.Path).Tell(GetClusterPause.Instance);
        _log.Info("cluster entity {0} started on {1}", _entityId, Context.System.Name);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _log.Info("cluster entity {0} stopped (hand-off, passivation or node shutdown)", _entityId);
    }

    private void OnClusterPause(ClusterPauseChanged m)
    {
        if (_bot.IsNobody())
        {
            return;
        }

        _bot.Tell(m.Paused ? new RaisePause(PauseReason.ClusterMinority()) : new ClearPause(PauseReason.ClusterMinority()));
    }

    private void ToTrader(object message)
    {
        if (_bot.IsNobody())
        {
            _dropped++;
            return;
        }

        Context.ActorSelection($"bot/{_symbol}/trader").Tell(message, Sender);
    }

    private void Bot(object message, IActorRef sender)
    {
        if (_bot.IsNobody())
        {
            _dropped++;
            sender.Tell(new Status.Failure(new ArgumentException($"{_entityId} is not a configured symbol of this service")));
            return;
        }

        _bot.Tell(message, sender);
    }
}
