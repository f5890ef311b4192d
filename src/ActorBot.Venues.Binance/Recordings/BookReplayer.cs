using System.Text;
using ActorBot.Domain.OrderBook;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;

namespace ActorBot.Venues.Binance.Recordings;

/// <summary>
/// Rebuilds one symbol's order book from recorded lines with the same <see cref="OrderBookSynchronizer"/>
/// the live <c>/book</c> actor uses. Several files are fed in order as one stream.
/// Snapshot attribution: cryptofeed REST lines name the symbol in their URL; hftbacktest's snapshot line
/// names none, so it belongs to the depth stream of the same file (the last depth symbol seen in that
/// file, or, if it comes first, the next one — then it is applied just before that diff).
/// </summary>
public sealed class BookReplayer
{
    private readonly string _symbol;
    private readonly byte[] _symbolUtf8;
    private readonly OrderBookSynchronizer _sync;
    private readonly DecodeErrorCounter _errors;
    private readonly DepthUpdateDecoder _depthDecoder;
    private readonly DepthSnapshotDecoder _snapshotDecoder;
    private readonly DepthUpdateFrame _frame = new();
    private string? _currentFile;
    private string? _lastDepthSymbolInFile;
    private ReadOnlyMemory<byte>? _pendingUnaddressedSnapshot;
    private int _snapshotsSeen;
    private long _unrecognized;

    public BookReplayer(string symbol, DecodeErrorCounter errors, int maxBufferedDiffs = 100_000)
    {
        _symbol = symbol.ToUpperInvariant();
        _symbolUtf8 = Encoding.ASCII.GetBytes(_symbol);
        _errors = errors;
        _sync = new OrderBookSynchronizer(_symbol, maxBufferedDiffs);
        _depthDecoder = new DepthUpdateDecoder(errors);
        _snapshotDecoder = new DepthSnapshotDecoder(errors);
    }

    public OrderBookSynchronizer Synchronizer => _sync;

    public int SnapshotsSeen => _snapshotsSeen;

    public void Feed(RecordedLine line)
    {
        if (!string.Equals(line.File, _currentFile, StringComparison.Ordinal))
        {
            _currentFile = line.File;
            _lastDepthSymbolInFile = null;
            _pendingUnaddressedSnapshot = null;
        }

        switch (line.Kind)
        {
            case RecordedLineKind.RestResponse:
                if (IsDepthUrlFor(line.Url!))
                {
                    ApplySnapshot(line.Json.Span);
                }

                break;
            case RecordedLineKind.Frame:
                FeedFrame(line.Json);
                break;
            case RecordedLineKind.Unrecognized:
                _unrecognized++;
                break;
        }
    }

    public BookReplayResult Result(int depth) => new(
        _symbol,
        _sync.LastUpdateId,
        _sync.Book.Bids.Top(depth),
        _sync.Book.Asks.Top(depth),
        _sync.Counters,
        _snapshotsSeen,
        _errors.Total,
        _unrecognized);

    private void FeedFrame(ReadOnlyMemory<byte> json)
    {
        var type = MarketFramePeek.EventType(json.Span, out var symbol);
        if (type == MarketEventType.DepthSnapshot)
        {
            if (_lastDepthSymbolInFile is null)
            {
                _pendingUnaddressedSnapshot = json;
            }
            else if (_lastDepthSymbolInFile == _symbol)
            {
                ApplySnapshot(json.Span);
            }

            return;
        }

        if (type != MarketEventType.DepthUpdate)
        {
            return;
        }

        var isOurs = symbol.SequenceEqual(_symbolUtf8);
        _lastDepthSymbolInFile = isOurs ? _symbol : Encoding.ASCII.GetString(symbol);
        if (_pendingUnaddressedSnapshot is { } pending)
        {
            _pendingUnaddressedSnapshot = null;
            if (isOurs)
            {
                ApplySnapshot(pending.Span);
            }
        }

        if (!isOurs)
        {
            return;
        }

        if (_depthDecoder.TryDecode(json.Span, _frame, out _))
        {
            _sync.OnDiff(_frame.Header, _frame.Bids, _frame.Asks);
        }
    }

    private void ApplySnapshot(ReadOnlySpan<byte> json)
    {
        if (_snapshotDecoder.TryDecode(json, out var snapshot, out _))
        {
            _snapshotsSeen++;
            _sync.OnSnapshot(snapshot!.LastUpdateId, snapshot.Bids, snapshot.Asks);
        }
    }

    private bool IsDepthUrlFor(string url)
    {
        var query = url.IndexOf('?');
        if (query < 0 || !url.AsSpan(0, query).EndsWith("/depth", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in url[(query + 1)..].Split('&'))
        {
            if (part.StartsWith("symbol=", StringComparison.Ordinal)
                && string.Equals(part[7..], _symbol, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
