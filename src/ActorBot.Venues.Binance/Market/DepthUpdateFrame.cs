using ActorBot.Domain.OrderBook;

namespace ActorBot.Venues.Binance.Market;

/// <summary>
/// A decoded <c>depthUpdate</c>, reused frame after frame: its level arrays grow once and are then
/// overwritten, so decoding allocates nothing. Read it before decoding the next frame.
/// </summary>
public sealed class DepthUpdateFrame
{
    private BookLevel[] _bids = new BookLevel[256];
    private BookLevel[] _asks = new BookLevel[256];

    public string Symbol { get; internal set; } = string.Empty;

    public DepthDiffHeader Header { get; internal set; }

    public long TransactionTimeMs { get; internal set; }

    public int BidCount { get; internal set; }

    public int AskCount { get; internal set; }

    public ReadOnlySpan<BookLevel> Bids => _bids.AsSpan(0, BidCount);

    public ReadOnlySpan<BookLevel> Asks => _asks.AsSpan(0, AskCount);

    internal ref BookLevel[] BidBuffer => ref _bids;

    internal ref BookLevel[] AskBuffer => ref _asks;
}
