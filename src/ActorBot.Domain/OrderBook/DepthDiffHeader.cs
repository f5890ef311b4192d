namespace ActorBot.Domain.OrderBook;

/// <summary>
/// Sequence numbers of one USDⓈ-M <c>depthUpdate</c>: <c>U</c> (first), <c>u</c> (final) and
/// <c>pu</c> (the previous event's final id), with the event time in Unix milliseconds.
/// </summary>
public readonly record struct DepthDiffHeader(
    long FirstUpdateId,
    long FinalUpdateId,
    long PreviousFinalUpdateId,
    long EventTimeMs);
