using ActorBot.Engine.Bot;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;

namespace ActorBot.Engine.Cluster;

/// <summary>
/// What every symbol entity on a node is built from: the service's bot settings (the entity narrows them to its own
/// venue and symbol), the strategy's pipeline per symbol, each streaming venue's settings and keys (the entity runs
/// that venue's market stream for its one symbol), and the portfolio risk singleton's proxy (testnet/live; null in
/// shadow, where nothing is sent to a venue).
/// </summary>
public sealed record SymbolEntityPlan(
    BotSettings Bot,
    Func<string, SymbolPipelineSettings?>? Pipelines,
    IReadOnlyDictionary<string, VenueSettings> Venues,
    IReadOnlyDictionary<string, BinanceCredentials?> Keys,
    IActorRef? Risk);
