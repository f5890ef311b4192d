using ActorBot.Domain.OrderBook;
using ActorBot.Venues.Binance.Market;
using Akka.Actor;

namespace ActorBot.Engine.Liquidations;

/// <summary>
/// One <c>depthUpdate</c> of a venue (market → bot → symbol → /book), its levels copied out of the decoder's reused
/// frame. <paramref name="Market"/> is the venue market actor that received it: /book asks that actor (and no other)
/// for its own symbol's REST snapshot.
/// </summary>
public sealed record DepthDiffReceived(string Venue, string Symbol, DepthDiffHeader Header, BookLevel[] Bids, BookLevel[] Asks, IActorRef Market) : IBookMessage;

/// <summary>/book → the venue market actor: fetch <c>GET /fapi/v1/depth?symbol=…&amp;limit=…</c> on the venue's REST client.</summary>
public sealed record DepthSnapshotRequested(string Symbol, int Limit);

/// <summary>The market actor's answer to <see cref="DepthSnapshotRequested"/>: the snapshot, or why there is none.</summary>
public sealed record DepthSnapshotFetched(string Symbol, DepthSnapshot? Snapshot, string? Error);
