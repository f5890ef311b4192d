using ActorBot.Data.Heatmaps;
using ActorBot.Domain.OrderBook;
using ActorBot.Domain.OrderBook.Frames;

namespace ActorBot.Engine.Liquidations;

/// <summary>Asks /book for its last frames (answered with <see cref="BookFrames"/>, oldest first).</summary>
public sealed record GetBookFrames(string Symbol, int MaxFrames) : IBookMessage, ILiquidationQuery;

/// <summary>The last 30 s frames /book holds (at most the asked number), oldest first.</summary>
public sealed record BookFrames(string Symbol, IReadOnlyList<ObFrame> Frames);

/// <summary>Asks /book for its buffer and reconstructor statistics (answered with <see cref="BookStats"/>).</summary>
public sealed record GetBookStats(string Symbol) : IBookMessage, ILiquidationQuery;

/// <summary>
/// /book's statistics: the ring file's (null when it keeps none), frames held in memory, the synchroniser's counters and
/// when they last changed (epoch ms), null before it started.
/// </summary>
public sealed record BookStats(string Symbol, RingFileStats? Buffer, long FramesHeld, BookSyncCounters? Reconstructor, long? ReconstructorUpdatedMs);
