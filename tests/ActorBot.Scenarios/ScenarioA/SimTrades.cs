using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Simulator;

namespace ActorBot.Scenarios.ScenarioA;

/// <summary>Trades on the simulator for scenarios 1, 5, 6, 7: live on the stream, or only in its REST history (missed by the stream).</summary>
internal static class SimTrades
{
    /// <summary>
    /// Stores a trade in the venue's history (<c>GET /fapi/v1/aggTrades</c>) without sending it on the stream, as a
    /// trade the client's socket missed: the next live trade shows the gap and the client backfills it over REST.
    /// </summary>
    public static void Missed(SimulatorHost sim, string symbol, decimal price, long aggTradeId)
    {
        var now = sim.Engine.NowMs;
        sim.Market.OnAggTrade(new AggTrade(symbol, now, aggTradeId, price, 0.001m, aggTradeId, aggTradeId, now, false));
    }
}
