using ActorBot.Engine.Bot;
using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// A cluster node's stand-in for <c>/user/bot</c> and <c>/user/venues</c> (<c>/user/node</c>): what the probe, the
/// kill switch, the dashboard and the liquidation API ask a single-node service's bot and venues, it answers for this
/// node. <see cref="GetBotStatus"/>: the symbols this node owns now, their statuses merged (a node that owns none is
/// not paused: it stands by to take symbols over). A symbol's own message or query: to its entity when it runs here,
/// else a failure saying so (the probe's <c>/cluster</c> names the owner). <see cref="SetKillSwitch"/>, pause causes:
/// to every configured symbol's entity (and the kill switch to the risk singleton, which latches it in its journal).
/// <see cref="AskVenue"/>: to the venue-account singleton. Which entities run here is read from the local shard region
/// every <c>refresh</c>.
/// </summary>
public sealed class ClusterBotFacade : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    private readonly BotSettings _bot;
    private readonly IActorRef _region;
    private readonly IActorRef? _risk;
    private readonly IReadOnlyDictionary<string, IActorRef> _venues;
    private readonly TimeSpan _refresh;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IReadOnlyList<string> _local = [];
    private long _notHere;

    public ClusterBotFacade(BotSettings bot, IActorRef region, IActorRef? risk, IReadOnlyDictionary<string, IActorRef> venues, TimeSpan? refresh = null)
    {
        _bot = bot;
        _region = region;
        _risk = risk;
        _venues = venues;
        _refresh = refresh ?? TimeSpan.FromSeconds(1);

        Receive<LocalEntities>(m => _local = m.Symbols);
        Receive<Refresh>(_ => RefreshLocal());
        Receive<GetBotStatus>(_ => MergedStatus().PipeTo(Sender));
        Receive<SetKillSwitch>(m =>
        {
            _risk?.Tell(m);
            Broadcast(m);
        });
        Receive<RaisePause>(Broadcast);
        Receive<ClearPause>(Broadcast);
        Receive<AskVenue>(m =>
        {
            if (_venues.TryGetValue(m.Venue, out var venue))
            {
                venue.Forward(m.Query);
            }
            else
            {
                Sender.Tell(new Status.Failure(new ArgumentException($"venue {m.Venue} has no account singleton in this cluster (not trading)")));
            }
        });
        Receive<GetSymbolStatus>(m => ToSymbol(m.Symbol, m, query: true));
        Receive<ISymbolLiquidationMessage>(m => ToSymbol(m.Symbol, m, query: m is ILiquidationQuery));
        Receive<MarketDataSeen>(m => ToSymbol(m.Symbol, m, query: false));
        Receive<TradeBatch>(m => ToSymbol(m.Symbol, m, query: m.AckRequested));
        Receive<EndOfData>(m => ToSymbol(m.Symbol, m, query: true));
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new { node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString(), symbolsHere = _local, notHere = _notHere }));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Where the host starts it.</summary>
    public const string Path = "/user/node";

    public static Props Props(BotSettings bot, IActorRef region, IActorRef? risk, IReadOnlyDictionary<string, IActorRef> venues) =>
        Akka.Actor.Props.Create(() => new ClusterBotFacade(bot, region, risk, venues, null));

    protected override void PreStart()
    {
        RefreshLocal();
        Timers.StartPeriodicTimer("refresh", Refresh.Instance, _refresh);
    }

    private void RefreshLocal()
    {
        // Read on the actor's thread; the continuation runs elsewhere and must not touch fields.
        var current = _local;
        var configured = _bot.Symbols;
        _region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout)
            .ContinueWith(t => t.IsCompletedSuccessfully ? new LocalEntities(LocalSymbols(t.Result, configured)) : (object)new LocalEntities(current), TaskScheduler.Default)
            .PipeTo(Self);
    }

    private static List<string> LocalSymbols(CurrentShardRegionState state, IReadOnlyList<string> configured) =>
        state.Shards.SelectMany(s => s.EntityIds)
            .Select(id => ClusterNames.TryParseEntityId(id, out _, out var symbol) ? symbol : null)
            .OfType<string>().Where(s => configured.Contains(s, StringComparer.Ordinal))
            .OrderBy(s => s, StringComparer.Ordinal).ToList();

    private void Broadcast(object message)
    {
        foreach (var symbol in _bot.Symbols)
        {
            _region.Tell(new ToSymbol(_bot.VenueFor(symbol), symbol, message));
        }
    }

    private void ToSymbol(string symbol, object message, bool query)
    {
        if (!_bot.Symbols.Contains(symbol, StringComparer.Ordinal))
        {
            _notHere++;
            _log.Warning("message for unknown symbol {0} dropped: {1}", symbol, message.GetType().Name);
            if (query)
            {
                Sender.Tell(new Status.Failure(new ArgumentException($"unknown symbol {symbol}")));
            }

            return;
        }

        if (!_local.Contains(symbol, StringComparer.Ordinal))
        {
            _notHere++;
            if (query)
            {
                Sender.Tell(new Status.Failure(new ArgumentException($"symbol {symbol} does not run on this node; /cluster names its owner")));
            }

            return;
        }

        _region.Tell(new ToSymbol(_bot.VenueFor(symbol), symbol, message), Sender);
    }

    // The region is asked afresh (not the last refresh): a symbol that just started here is counted at once.
    private Task<BotStatus> MergedStatus() => Merge(_region, _bot.Symbols, _notHere);

    private async Task<BotStatus> Merge(IActorRef region, IReadOnlyList<string> configured, long notHere)
    {
        var symbols = LocalSymbols(await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout).ConfigureAwait(false), configured);
        var statuses = await Task.WhenAll(symbols.Select(async s =>
        {
            try
            {
                return await _region.Ask<BotStatus>(new ToSymbol(_bot.VenueFor(s), s, GetBotStatus.Instance), AskTimeout).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
            {
                // A symbol that does not answer (moving, restarting) is not healthy: it pauses the merged status.
                return new BotStatus(_bot.Mode, true, [$"{s}: no answer from its entity (moving or restarting)"], [], [s], _bot.VenueFor(s), 0) { PausedSymbols = [s] };
            }
        })).ConfigureAwait(false);
        return new BotStatus(
            _bot.Mode,
            statuses.Any(s => s.Paused),
            statuses.SelectMany(s => s.PauseReasons).Distinct(StringComparer.Ordinal).ToList(),
            statuses.SelectMany(s => s.ClearingReasons).Distinct(StringComparer.Ordinal).ToList(),
            symbols,
            _bot.Venue,
            statuses.Sum(s => s.UnknownSymbolMessages) + notHere,
            statuses.Sum(s => s.PauseEpisodes))
        {
            Venues = _bot.Venues,
            PausedSymbols = statuses.SelectMany(s => s.PausedSymbols).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    private sealed record Refresh
    {
        public static readonly Refresh Instance = new();
    }

    private sealed record LocalEntities(IReadOnlyList<string> Symbols);
}
