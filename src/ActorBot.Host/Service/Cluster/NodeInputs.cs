using ActorBot.Engine.Bot;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Host.Service.Cluster;

/// <summary>What every symbol entity on the node is built from (<see cref="SymbolEntityPlan"/>) and the trading side.</summary>
public sealed record NodeInputs(
    BotSettings Bot,
    Func<string, SymbolPipelineSettings?>? Pipelines,
    IReadOnlyList<VenueSettings> Venues,
    IReadOnlyDictionary<string, BinanceCredentials?> Keys,
    TradingRuntime? Trading);
