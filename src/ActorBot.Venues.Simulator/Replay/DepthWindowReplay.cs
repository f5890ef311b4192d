using ActorBot.Domain.OrderBook;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Binance.Recordings;
using ActorBot.Venues.Simulator.Engine;

namespace ActorBot.Venues.Simulator.Replay;

/// <summary>
/// A recorded order-book window (an hftbacktest raw file: its REST snapshot line and <c>depthUpdate</c> frames) to replay
/// as <paramref name="Symbol"/>'s depth stream when that symbol's own recording has no book (the bundled COIN-M day is
/// aggTrades only). <paramref name="Tick"/>: the price tick the re-based prices are rounded to.
/// </summary>
public sealed record DepthWindowSource(string Symbol, string Path, decimal Tick = 0.1m);

/// <summary>One depth event to publish: the store's snapshot first (once), then sequence-chained diffs.</summary>
public sealed record DepthRelease(DepthSnapshot? Snapshot, DepthDiffHeader Header, BookLevel[] Bids, BookLevel[] Asks);

/// <summary>
/// Replays a real recorded book window onto another symbol's replayed trades, as a transform of real data (see the
/// README): the recording's diffs from the one bridging its snapshot on are merged per <see cref="MergeMs"/> of recorded
/// time (as Binance merges updates into its 100/250/500 ms streams, only coarser: a second of the raw BTCUSDT stream
/// touches ~800 levels, and a 1000× demo cannot carry that a thousand times a second), every price is
/// multiplied once by (first replayed trade price ÷ recorded snapshot mid) and rounded to the tick (quantities as
/// recorded), and the window plays on the trades' clock from the first trade, again and again: each pass continues the
/// update ids (pu = the previous u), so a client sees one gap-free stream on the book the previous pass left. The
/// book keeps its first price level: a replayed market that drifts leaves it off-centre (the frames are still centred
/// on the mark price).
/// </summary>
public sealed class DepthWindowReplay
{
    /// <summary>Recorded time merged into one published diff (frames are 30 s apart, so each sees three).</summary>
    public const long MergeMs = 10_000;

    private readonly DepthSnapshot _recordedSnapshot;
    private readonly List<MergedDiff> _recorded;
    private List<MergedDiff>? _scaled;
    private MergedDiff? _reset;
    private long _lastPublishedFinal;
    private DepthSnapshot? _snapshot;
    private long _passStartMs;
    private long _idShift;
    private int _next;

    private DepthWindowReplay(DepthWindowSource source, DepthSnapshot snapshot, List<MergedDiff> diffs)
    {
        Source = source;
        _recordedSnapshot = snapshot;
        _recorded = diffs;
    }

    public DepthWindowSource Source { get; }

    /// <summary>Merged diffs in one pass.</summary>
    public int DiffsPerPass => _recorded.Count;

    public long Published { get; private set; }

    public int Passes { get; private set; }

    /// <summary>Reads the window. A file without a snapshot or without a diff bridging it is refused (InvalidDataException).</summary>
    public static DepthWindowReplay Load(DepthWindowSource source, DecodeErrorCounter errors)
    {
        ArgumentNullException.ThrowIfNull(source);
        var snapshotDecoder = new DepthSnapshotDecoder(errors);
        var diffDecoder = new DepthUpdateDecoder(errors);
        var frame = new DepthUpdateFrame();
        DepthSnapshot? snapshot = null;
        var raw = new List<(DepthDiffHeader Header, BookLevel[] Bids, BookLevel[] Asks)>();
        foreach (var line in RecordingReader.Read(source.Path))
        {
            if (line.Kind is not (RecordedLineKind.Frame or RecordedLineKind.RestResponse))
            {
                continue;
            }

            var type = MarketFramePeek.EventType(line.Json.Span, out _);
            if ((line.Kind == RecordedLineKind.RestResponse || type == MarketEventType.DepthSnapshot) && snapshot is null
                && snapshotDecoder.TryDecode(line.Json.Span, out var snap, out _))
            {
                snapshot = snap;
            }
            else if (type == MarketEventType.DepthUpdate && diffDecoder.TryDecode(line.Json.Span, frame, out _))
            {
                raw.Add((frame.Header, frame.Bids.ToArray(), frame.Asks.ToArray()));
            }
        }

        if (snapshot is null)
        {
            throw new InvalidDataException($"{source.Path}: no depth snapshot to start the book from");
        }

        return new DepthWindowReplay(source, snapshot, Merge(snapshot.LastUpdateId, raw, source.Path));
    }

    /// <summary>What is due by a replayed trade of the symbol: on the first call the snapshot (and the scale), then the diffs.</summary>
    public IEnumerable<DepthRelease> Due(long tradeTimeMs, decimal tradePrice)
    {
        if (_scaled is null)
        {
            if (tradePrice <= 0)
            {
                yield break;
            }

            Scale(tradePrice);
            _passStartMs = tradeTimeMs;
            yield return new DepthRelease(_snapshot, default, [], []);
        }

        // Trades far ahead (a --follow pass a day later): move the window's clock up by whole passes (ids unchanged, so
        // the stream stays gap-free) instead of publishing every pass in between at once.
        var span = _scaled![^1].OffsetMs + 1_000;
        if (_next == 0 && tradeTimeMs - _passStartMs > 2 * span)
        {
            _passStartMs += (tradeTimeMs - _passStartMs) / span * span - span;
        }

        while (tradeTimeMs >= _passStartMs + _scaled[_next].OffsetMs)
        {
            if (_next == 0 && Passes > 0)
            {
                // Back to the window's start: one diff takes the book the last pass left to the snapshot's book (levels
                // the snapshot lacks to 0), chained like any other; without it, end-of-window levels would cross the
                // start-of-window ones.
                var id = _lastPublishedFinal + 1;
                Published++;
                yield return new DepthRelease(null, new DepthDiffHeader(id, id, _lastPublishedFinal, _passStartMs), _reset!.Bids, _reset.Asks);
                _idShift = id - _scaled[0].Previous;
                _lastPublishedFinal = id;
            }

            var d = _scaled[_next];
            var header = new DepthDiffHeader(d.First + _idShift, d.Final + _idShift, d.Previous + _idShift, _passStartMs + d.OffsetMs);
            _lastPublishedFinal = header.FinalUpdateId;
            Published++;
            yield return new DepthRelease(null, header, d.Bids, d.Asks);
            if (++_next == _scaled.Count)
            {
                _passStartMs += _scaled[^1].OffsetMs + 1_000;
                _next = 0;
                Passes++;
            }
        }
    }

    private void Scale(decimal tradePrice)
    {
        var bid = _recordedSnapshot.Bids.Length > 0 ? Fixed8.ToDecimal(_recordedSnapshot.Bids.Max(l => l.Price)) : 0m;
        var ask = _recordedSnapshot.Asks.Length > 0 ? Fixed8.ToDecimal(_recordedSnapshot.Asks.Min(l => l.Price)) : 0m;
        var mid = bid > 0 && ask > 0 ? (bid + ask) / 2 : Math.Max(bid, ask);
        var k = mid > 0 ? tradePrice / mid : 1m;
        BookLevel[] Levels(BookLevel[] levels) => levels.Select(l => new BookLevel(Price(l.Price, k), l.Quantity)).ToArray();
        _snapshot = _recordedSnapshot with { Bids = Levels(_recordedSnapshot.Bids), Asks = Levels(_recordedSnapshot.Asks) };
        _scaled = _recorded.Select(d => d with { Bids = Levels(d.Bids), Asks = Levels(d.Asks) }).ToList();
        _reset = new MergedDiff(0, 0, 0, 0, ResetSide(_snapshot.Bids, _scaled.Select(d => d.Bids)), ResetSide(_snapshot.Asks, _scaled.Select(d => d.Asks)));
    }

    // The levels that take one side from the window's end state back to the snapshot's.
    private static BookLevel[] ResetSide(BookLevel[] snapshot, IEnumerable<BookLevel[]> diffs)
    {
        // Indexer writes, not ToDictionary: re-based prices of a scale below 1 may land on one tick.
        var start = new HashSet<long>(snapshot.Select(l => l.Price));
        var end = new Dictionary<long, long>();
        foreach (var l in snapshot)
        {
            end[l.Price] = l.Quantity;
        }

        foreach (var diff in diffs)
        {
            foreach (var l in diff)
            {
                end[l.Price] = l.Quantity;
            }
        }

        return end.Keys.Where(p => !start.Contains(p) && end[p] != 0).Select(p => new BookLevel(p, 0))
            .Concat(snapshot)
            .ToArray();
    }

    private long Price(long priceFixed8, decimal k)
    {
        var scaled = decimal.Round(Fixed8.ToDecimal(priceFixed8) * k / Source.Tick, MidpointRounding.ToEven) * Source.Tick;
        return Fixed8.TryFromDecimal(scaled, out var p) ? p : priceFixed8;
    }

    // From the diff that bridges the snapshot (U ≤ L ≤ u) on, while each pu is the previous u; merged per MergeMs of recorded time.
    private static List<MergedDiff> Merge(long lastUpdateId, List<(DepthDiffHeader Header, BookLevel[] Bids, BookLevel[] Asks)> raw, string path)
    {
        var start = raw.FindIndex(d => d.Header.FirstUpdateId <= lastUpdateId && d.Header.FinalUpdateId >= lastUpdateId);
        if (start < 0)
        {
            throw new InvalidDataException($"{path}: no depth diff bridges the snapshot's lastUpdateId {lastUpdateId}");
        }

        var merged = new List<MergedDiff>();
        var t0 = raw[start].Header.EventTimeMs;
        var bids = new Dictionary<long, long>();
        var asks = new Dictionary<long, long>();
        DepthDiffHeader? first = null;
        DepthDiffHeader last = default;
        long second = -1;
        for (var i = start; i < raw.Count; i++)
        {
            var (h, b, a) = raw[i];
            if (i > start && h.PreviousFinalUpdateId != last.FinalUpdateId)
            {
                break; // the recording's own gap ends the window
            }

            var s = (h.EventTimeMs - t0) / MergeMs;
            if (first is { } f && s != second)
            {
                merged.Add(Flush(f, last, t0, bids, asks));
                first = null;
            }

            first ??= h;
            second = s;
            last = h;
            foreach (var l in b)
            {
                bids[l.Price] = l.Quantity;
            }

            foreach (var l in a)
            {
                asks[l.Price] = l.Quantity;
            }
        }

        if (first is { } rest)
        {
            merged.Add(Flush(rest, last, t0, bids, asks));
        }

        return merged;
    }

    private static MergedDiff Flush(DepthDiffHeader first, DepthDiffHeader last, long t0, Dictionary<long, long> bids, Dictionary<long, long> asks)
    {
        var diff = new MergedDiff(
            first.FirstUpdateId,
            last.FinalUpdateId,
            first.PreviousFinalUpdateId,
            last.EventTimeMs - t0,
            bids.Select(p => new BookLevel(p.Key, p.Value)).ToArray(),
            asks.Select(p => new BookLevel(p.Key, p.Value)).ToArray());
        bids.Clear();
        asks.Clear();
        return diff;
    }

    /// <summary>The <c>depthUpdate</c> payload of a release, as the venue sends it.</summary>
    public static string Payload(string symbol, DepthRelease r) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "depthUpdate");
        w.WriteNumber("E", r.Header.EventTimeMs);
        w.WriteNumber("T", r.Header.EventTimeMs);
        w.WriteString("s", symbol);
        w.WriteNumber("U", r.Header.FirstUpdateId);
        w.WriteNumber("u", r.Header.FinalUpdateId);
        w.WriteNumber("pu", r.Header.PreviousFinalUpdateId);
        Levels(w, "b", r.Bids);
        Levels(w, "a", r.Asks);
        w.WriteEndObject();
    });

    private static void Levels(System.Text.Json.Utf8JsonWriter w, string name, BookLevel[] levels)
    {
        w.WriteStartArray(name);
        foreach (var l in levels)
        {
            w.WriteStartArray();
            w.WriteStringValue(Fixed8.Format(l.Price));
            w.WriteStringValue(Fixed8.Format(l.Quantity));
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private sealed record MergedDiff(long First, long Final, long Previous, long OffsetMs, BookLevel[] Bids, BookLevel[] Asks);
}
