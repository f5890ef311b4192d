using ActorBot.Domain.Barriers;
using ActorBot.Domain.Models;
using ActorBot.Domain.Paper;
using ActorBot.Domain.ShockFlip;
using Akka.Actor;

namespace ActorBot.Engine.Symbols;

/// <summary>
/// What a symbol's Snap Harvester subtree (/bars, /shockflip, /trader) needs. The router and cut points
/// are immutable and shared; each actor builds its own mutable Domain objects from them.
/// <see cref="Sink"/> receives the records (bars, signals, trades, counters): the telemetry actor live,
/// the replay recorder in replay. <see cref="Route"/>: entries go to /risk as intents and open on the venue's fill
/// (testnet, live); null keeps the in-process paper fills of replay, shadow and paper.
/// </summary>
public sealed record SymbolPipelineSettings(
    ShockFlipParameters Detector,
    DecileCutPoints CutPoints,
    MetaRouter Router,
    BarrierGeometry Geometry,
    int MaxConcurrentTrades,
    FillSettings Fills,
    TimeSpan BarCloseGrace,
    IActorRef Sink,
    ExecutionRoute? Route = null);
