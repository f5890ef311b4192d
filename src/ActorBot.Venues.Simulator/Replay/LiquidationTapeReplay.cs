using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using ActorBot.Venues.Simulator.Engine;

namespace ActorBot.Venues.Simulator.Replay;

/// <summary>
/// A recorded liquidation tape to replay as a symbol's <c>forceOrder</c> stream (<see cref="SimulatorOptions.LiquidationTapes"/>):
/// moonstream's <c>liq_tape_{SYM}.jsonl[.gz]</c> lines (<c>{"type":"forceOrder","ts":s,"side":"long"|"short","price","qty"}</c>,
/// quantity in base units). <see cref="InverseContractUsd"/>: the symbol's quantities are contracts of this USD face
/// (COIN-M), so the published <c>q</c> is converted to contracts as the venue would send it.
/// <see cref="ReferencePricesPath"/>: the same recording's <c>liq_cycles_{SYM}.jsonl[.gz]</c> (<c>cycle_summary</c> lines:
/// <c>minute_key</c>, <c>src_price</c>), the market each liquidation happened in; null: one scale for the whole tape.
/// </summary>
public sealed record LiquidationTapeSource(string Symbol, string Path, decimal? InverseContractUsd = null, string? ReferencePricesPath = null);

/// <summary>One tape event as the venue publishes it: order side (SELL liquidates a long), price, quantity in the symbol's units, time.</summary>
public sealed record TapeRelease(string Side, decimal Price, decimal Quantity, long TimeMs);

/// <summary>
/// Replays a recorded liquidation tape onto the replayed trades, in their time (see the README): the tape's first
/// minute is moved onto the minute of the symbol's first replayed trade (every event keeps its offset from it, so the
/// tape's real timing is kept), and each price keeps its real distance from the market it happened in: with reference
/// prices it is multiplied by the replayed trade price ÷ the recorded market price of its minute; without them by the
/// first trade's price ÷ the tape's first price. So the liquidations sit around the replayed market, below it for longs
/// and above it for shorts as they were. A transform of real data, documented as such; the tape plays once.
/// </summary>
public sealed class LiquidationTapeReplay
{
    private const long MinuteMs = 60_000;
    private readonly List<(long TimeMs, string Side, decimal Price, decimal Quantity)> _events;
    private readonly SortedList<long, decimal> _reference;
    private int _next;
    private long? _shiftMs;
    private decimal _scale = 1m;

    private LiquidationTapeReplay(LiquidationTapeSource source, List<(long, string, decimal, decimal)> events, SortedList<long, decimal> reference)
    {
        Source = source;
        _events = events;
        _reference = reference;
    }

    public LiquidationTapeSource Source { get; }

    public int Count => _events.Count;

    /// <summary>The start of the minute of the tape's first event (epoch ms, as recorded); null: an empty tape.</summary>
    public long? FirstMinuteMs => _events.Count > 0 ? Floor(_events[0].TimeMs) : null;

    /// <summary>Events already published.</summary>
    public int Published => _next;

    /// <summary>Reads the tape; lines that are not a valid forceOrder record are skipped (counted in <paramref name="skipped"/>).</summary>
    public static LiquidationTapeReplay Load(LiquidationTapeSource source, out int skipped)
    {
        ArgumentNullException.ThrowIfNull(source);
        skipped = 0;
        var events = new List<(long, string, decimal, decimal)>();
        foreach (var line in Lines(source.Path))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var side = root.GetProperty("side").GetString();
                var price = root.GetProperty("price").GetDecimal();
                var qty = root.GetProperty("qty").GetDecimal();
                var ts = (long)Math.Round(root.GetProperty("ts").GetDouble() * 1000.0);
                if (root.GetProperty("type").GetString() != "forceOrder" || side is not ("long" or "short") || price <= 0 || qty <= 0)
                {
                    skipped++;
                    continue;
                }

                // A liquidated long is a SELL order on Binance.
                events.Add((ts, side == "long" ? "SELL" : "BUY", price, qty));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                skipped++;
            }
        }

        events.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return new LiquidationTapeReplay(source, events, source.ReferencePricesPath is { } refs ? ReadReference(refs) : new SortedList<long, decimal>());
    }

    // cycle_summary lines: the data of minute M was logged under minute_key M + 1 (moonstream SPEC §10.2 step 1).
    private static SortedList<long, decimal> ReadReference(string path)
    {
        var prices = new SortedList<long, decimal>();
        foreach (var line in Lines(path))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.GetProperty("type").GetString() == "cycle_summary" && root.GetProperty("src_price").GetDecimal() is > 0 and var src)
                {
                    prices[(root.GetProperty("minute_key").GetInt64() - 1) * MinuteMs] = src;
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                // Not a cycle summary: the minute falls back to the nearest earlier one.
            }
        }

        return prices;
    }

    private static IEnumerable<string> Lines(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }

    // The recorded market price of the event's minute (or the nearest earlier minute); null: none known.
    private decimal? ReferenceAt(long timeMs)
    {
        var minute = Floor(timeMs);
        var keys = _reference.Keys;
        int lo = 0, hi = keys.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (keys[mid] <= minute)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 ? _reference.Values[found] : null;
    }

    /// <summary>
    /// The tape events due by the replayed trade at <paramref name="tradeTimeMs"/> (already shifted onto the served
    /// time) with price <paramref name="tradePrice"/>, as forceOrder payloads in publish order. The first call fixes
    /// the time shift and price scale.
    /// </summary>
    public IReadOnlyList<TapeRelease> Due(long tradeTimeMs, decimal tradePrice)
    {
        if (_next >= _events.Count)
        {
            return [];
        }

        if (_shiftMs is null)
        {
            _shiftMs = Floor(tradeTimeMs) - Floor(_events[0].TimeMs);
            _scale = tradePrice > 0 ? tradePrice / _events[0].Price : 1m;
        }

        List<TapeRelease>? due = null;
        while (_next < _events.Count && _events[_next].TimeMs + _shiftMs.Value <= tradeTimeMs)
        {
            var (time, side, recordedPrice, baseQty) = _events[_next++];
            var scale = tradePrice > 0 && ReferenceAt(time) is { } market ? tradePrice / market : _scale;
            var price = Math.Round(recordedPrice * scale, 1, MidpointRounding.ToEven);
            var quantity = Source.InverseContractUsd is { } face ? Math.Max(1m, Math.Round(baseQty * price / face, 0, MidpointRounding.ToEven)) : baseQty;
            (due ??= []).Add(new TapeRelease(side, price, quantity, time + _shiftMs.Value));
        }

        return due ?? (IReadOnlyList<TapeRelease>)[];
    }

    /// <summary>A <c>forceOrder</c> payload as Binance sends it (Liquidation Order Streams).</summary>
    public static string Payload(string symbol, string side, decimal price, decimal quantity, long timeMs) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "forceOrder");
        w.WriteNumber("E", timeMs);
        w.WriteStartObject("o");
        w.WriteString("s", symbol);
        w.WriteString("S", side);
        w.WriteString("o", "LIMIT");
        w.WriteString("f", "IOC");
        w.WriteDecimal("q", quantity);
        w.WriteDecimal("p", price);
        w.WriteDecimal("ap", price);
        w.WriteString("X", "FILLED");
        w.WriteDecimal("l", quantity);
        w.WriteDecimal("z", quantity);
        w.WriteNumber("T", timeMs);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static long Floor(long ms) => ms - (((ms % MinuteMs) + MinuteMs) % MinuteMs);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Source.Symbol}: {_next}/{_events.Count} from {Source.Path}");
}
