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
/// </summary>
public sealed record LiquidationTapeSource(string Symbol, string Path, decimal? InverseContractUsd = null);

/// <summary>
/// Replays a recorded liquidation tape onto the replayed trades, in their time (see README "Liquidation tape"): the
/// tape's first minute is moved onto the minute of the symbol's first replayed trade (every event keeps its offset
/// from it, so the tape's real timing is kept), and every price is scaled by the ratio of that first trade's price to
/// the tape's first price, so the liquidations sit around the replayed market rather than around another day's price
/// level. A transform of real data, documented as such; the tape plays once (a looping replay does not repeat it).
/// </summary>
public sealed class LiquidationTapeReplay
{
    private const long MinuteMs = 60_000;
    private readonly List<(long TimeMs, string Side, decimal Price, decimal Quantity)> _events;
    private int _next;
    private long? _shiftMs;
    private decimal _scale = 1m;

    private LiquidationTapeReplay(LiquidationTapeSource source, List<(long, string, decimal, decimal)> events)
    {
        Source = source;
        _events = events;
    }

    public LiquidationTapeSource Source { get; }

    public int Count => _events.Count;

    /// <summary>Events already published.</summary>
    public int Published => _next;

    /// <summary>Reads the tape; lines that are not a valid forceOrder record are skipped (counted in <paramref name="skipped"/>).</summary>
    public static LiquidationTapeReplay Load(LiquidationTapeSource source, out int skipped)
    {
        ArgumentNullException.ThrowIfNull(source);
        skipped = 0;
        var events = new List<(long, string, decimal, decimal)>();
        using var file = File.OpenRead(source.Path);
        using Stream stream = source.Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

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
        return new LiquidationTapeReplay(source, events);
    }

    /// <summary>
    /// The tape events due by the replayed trade at <paramref name="tradeTimeMs"/> (already shifted onto the served
    /// time) with price <paramref name="tradePrice"/>, as forceOrder payloads in publish order. The first call fixes
    /// the time shift and price scale.
    /// </summary>
    public IReadOnlyList<(string Json, decimal VenueQuantity)> Due(long tradeTimeMs, decimal tradePrice)
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

        List<(string, decimal)>? due = null;
        while (_next < _events.Count && _events[_next].TimeMs + _shiftMs.Value <= tradeTimeMs)
        {
            var (time, side, recordedPrice, baseQty) = _events[_next++];
            var price = Math.Round(recordedPrice * _scale, 1, MidpointRounding.ToEven);
            var quantity = Source.InverseContractUsd is { } face ? Math.Max(1m, Math.Round(baseQty * price / face, 0, MidpointRounding.ToEven)) : baseQty;
            (due ??= []).Add((Payload(Source.Symbol, side, price, quantity, time + _shiftMs.Value), quantity));
        }

        return due ?? (IReadOnlyList<(string, decimal)>)[];
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
