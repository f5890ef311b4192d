using ActorBot.Engine.Venues.Account;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;

namespace ActorBot.Engine.Venues;

/// <summary>
/// What a venue subtree needs to trade (testnet, live): <c>execution</c> and <c>account</c> settings, the venue keys
/// (read from the environment once, at start; <see cref="BinanceCredentials.ToString"/> never shows them) and where
/// the account sends the free balance and exchange filters (<c>/user/bot/risk</c>; null: nobody sizes entries). Null
/// in shadow and paper, where <c>/user/venues/{venue}</c> only streams market data.
/// </summary>
public sealed record VenueTrading(ExecutionSettings Execution, AccountSettings Account, BinanceCredentials Credentials, ICanTell? Risk)
{
    /// <summary>
    /// Where execution sends an outcome nobody in its incarnation asked for (a trade restart-flatten closed): null, the
    /// node's event stream, where /risk listens; cluster mode, the risk singleton's proxy (risk may run on another node).
    /// </summary>
    public ICanTell? OrphanOutcomes { get; init; }

    /// <summary>Cluster mode: asked by execution before each entry is sent (<see cref="Cluster.ClusterFence"/>); null: none.</summary>
    public Func<string?>? EntryFence { get; init; }

    /// <summary>
    /// Cluster mode: asked by execution before it places brackets and closes; a reason holds them until it clears
    /// (<see cref="Cluster.ClusterFence.CheckStall"/>); null: none.
    /// </summary>
    public Func<string?>? WriteFence { get; init; }

    /// <summary>
    /// Where the execution actor of a venue runs: <see cref="Execution.ExecutionActor"/> in testnet/live (persistence id
    /// <c>execution-{venue}</c>), <see cref="Paper.PaperExecutionActor"/> in paper (<c>paper-execution-{venue}</c>).
    /// </summary>
    public static string ExecutionPath(string venue) => $"/user/venues/{venue}/execution";
}
