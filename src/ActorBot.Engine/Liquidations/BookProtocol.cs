using ActorBot.Data.Heatmaps;
using ActorBot.Domain.OrderBook;
using ActorBot.Domain.OrderBook.Frames;

namespace ActorBot.Engine.Liquidations;

/// <summary>Asks the symbol's /book for its last <paramref name="MaxFrames"/> 30 s frames (answered with <see cref="BookFrames"/>).</summary>
public sealed record GetBookFrames(string Symbol, int MaxFrames) : IBookMessage, ILiquidationQuery;

/// <summary>The symbol's held 30 s order-book frames, oldest first.</summary>
public sealed record BookFrames(string Symbol, IReadOnlyList<ObFrame> Frames);

/// <summary>Asks the symbol's /book for its buffer and reconstructor statistics (answered with <see cref="BookStats"/>).</summary>
public sealed record GetBookStats(string Symbol) : IBookMessage, ILiquidationQuery;

/// <summary>
/// The symbol's frame buffer (ring file) and reconstructor (synchroniser) statistics; null where there is none yet.
/// <paramref name="ReconstructorUpdatedMs"/>: the event time of the last diff applied.
/// </summary>
public sealed record BookStats(string Symbol, RingFileStats? Buffer, long FramesHeld, BookSyncCounters? Reconstructor, long? ReconstructorUpdatedMs);
