using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Account;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// Every message type that crosses nodes, each with its manifest: a fixed string chosen once and never changed, like
/// the journal's (<see cref="Persistence.EnginePersistence"/>). Registered with the same serializer, so a remote
/// message never reaches Akka's reflection-based default. The <see cref="IClusterMessage"/> marker is bound too: a
/// marked type missing here fails loudly naming itself. Envelopes (<see cref="ToSymbol"/>, <see cref="AskVenue"/>)
/// carry their inner message as <c>{manifest, payload}</c> from this same list; an actor ref inside a message travels
/// as its actor path.
/// </summary>
public static class ClusterMessages
{
    public static PersistenceManifests Manifests { get; } = PersistenceManifests.Empty
        .AddMarker<IClusterMessage>()

        // Envelopes and the entity's own query.
        .Add<ToSymbol>("cluster.to-symbol")
        .Add<AskVenue>("cluster.ask-venue")
        .Add<GetEntityStatus>("cluster.get-entity-status")

        // The money path between a symbol entity's trader, the risk singleton and a venue singleton's execution.
        .Add<TradeIntent>("trading.trade-intent")
        .Add<TradeRejected>("trading.trade-rejected")
        .Add<PlaceEntry>("trading.place-entry")
        .Add<EntryFilled>("trading.entry-filled")
        .Add<BracketsPlaced>("trading.brackets-placed")
        .Add<EntryFailed>("trading.entry-failed")
        .Add<PositionClosed>("trading.position-closed")
        .Add<ClosePosition>("trading.close-position")
        .Add<CancelAll>("trading.cancel-all")
        .Add<CancelAllDone>("trading.cancel-all-done")
        .Add<SyncTrade>("trading.sync-trade")

        // Pause causes, the kill switch and the entry conditions risk is told about.
        .Add<RaisePause>("cluster.raise-pause")
        .Add<ClearPause>("cluster.clear-pause")
        .Add<SetKillSwitch>("cluster.set-kill-switch")
        .Add<ExternalPauseChanged>("cluster.external-pause-changed")
        .Add<SymbolWarmChanged>("cluster.symbol-warm-changed")
        .Add<EntriesPauseChanged>("cluster.entries-pause-changed")
        .Add<SetSymbolFilters>("cluster.set-symbol-filters")
        .Add<SetFreeBalance>("cluster.set-free-balance")
        .Add<ResendRiskState>("cluster.resend-risk-state")

        // Status queries and their answers (the node facade and the probe ask across nodes).
        .Add<GetBotStatus>("cluster.get-bot-status")
        .Add<BotStatus>("cluster.bot-status")
        .Add<GetSymbolStatus>("cluster.get-symbol-status")
        .Add<SymbolStatus>("cluster.symbol-status")
        .Add<GetExecutionStatus>("cluster.get-execution-status")
        .Add<ExecutionStatus>("cluster.execution-status")
        .Add<GetAccountStatus>("cluster.get-account-status")
        .Add<AccountStatus>("cluster.account-status")
        .Add<GetVenueHealth>("cluster.get-venue-health")
        .Add<VenueHealth>("cluster.venue-health");
}
