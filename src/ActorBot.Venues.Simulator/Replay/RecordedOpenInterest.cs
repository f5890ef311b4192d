using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace ActorBot.Venues.Simulator.Replay;

/// <summary>
/// Recorded per-minute open-interest changes to serve as a symbol's open interest (<see cref="SimulatorOptions.RecordedOpenInterest"/>):
/// lines <c>{"minute_key","oi_delta_base","oi_stale",…}</c> (data/moonstream/oi_deltas_BTC_24h.jsonl.gz), the change of
/// data minute <c>minute_key − 1</c> in base units (moonstream logs a minute under the key of the minute after it).
/// <see cref="StartBase"/>: the level before the first change, in base units. The recording holds no level, so this is an
/// ASSUMPTION (default <see cref="RecordedOpenInterest.DefaultStartBase"/>). <see cref="InverseContractUsd"/>: the
/// symbol's quantities are contracts of this USD face (COIN-M), so the level is served in contracts.
/// </summary>
public sealed record RecordedOpenInterestSource(string Symbol, string Path, decimal StartBase = RecordedOpenInterest.DefaultStartBase, decimal? InverseContractUsd = null);

/// <summary>
/// Real recorded open-interest changes replayed onto the replayed trades (see the README): OI(t) = start + the sum of the
/// recorded changes of every recorded minute up to and including the replayed one. Minutes are moved exactly as the
/// symbol's liquidation tape moves its events: the anchor minute (the tape's first minute; without a tape, the
/// recording's first) lands on the minute of the symbol's first replayed trade. A minute's change applies from the
/// start of that minute (it was measured over it), so a client's minute M ends with minute M's change. Minutes the
/// recording lacks change nothing; after its last minute the level stays. It never goes below <see cref="FloorShare"/> of
/// the start (so never ≤ 0), counted in <see cref="FlooredMinutes"/>.
/// </summary>
public sealed class RecordedOpenInterest
{
    /// <summary>
    /// The assumed start level, base units: about Binance BTCUSDT's open interest in early 2026 (~80k BTC). An assumption,
    /// not a recorded value (the recorded series, three venues aggregated, holds changes only).
    /// </summary>
    public const decimal DefaultStartBase = 80_000m;

    /// <summary>The lowest level served, as a share of the start.</summary>
    public const decimal FloorShare = 0.01m;

    private const long MinuteMs = 60_000;
    private readonly long[] _minutes;
    private readonly decimal[] _levels;
    private long? _shiftMs;
    private long _lastFlooredMinute = long.MinValue;
    private double _lastBase = double.NaN;
    private long _lastRecordedMinuteMs = long.MinValue;

    private RecordedOpenInterest(RecordedOpenInterestSource source, long[] minutes, decimal[] levels)
    {
        Source = source;
        _minutes = minutes;
        _levels = levels;
        AnchorMinuteMs = minutes.Length > 0 ? minutes[0] : 0;
    }

    public RecordedOpenInterestSource Source { get; }

    /// <summary>Recorded minutes read.</summary>
    public int Count => _minutes.Length;

    /// <summary>The recorded minute (epoch ms, start of the data minute) moved onto the first replayed trade's minute.</summary>
    public long AnchorMinuteMs { get; set; }

    /// <summary>The level last served, base units (NaN before the first trade); safe to read from any thread.</summary>
    public double LastBase => Volatile.Read(ref _lastBase);

    /// <summary>The recorded minute (epoch ms, as recorded) last served (long.MinValue before the first trade); safe to read from any thread.</summary>
    public long LastRecordedMinuteMs => Volatile.Read(ref _lastRecordedMinuteMs);

    /// <summary>Replayed minutes whose level was held at the floor.</summary>
    public long FlooredMinutes { get; private set; }

    /// <summary>Reads the recording; a line that is not a valid record is skipped (counted in <paramref name="skipped"/>).</summary>
    public static RecordedOpenInterest Load(RecordedOpenInterestSource source, out int skipped)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.StartBase <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(source), $"Recorded open interest start for {source.Symbol} must be positive, got {source.StartBase.ToString(CultureInfo.InvariantCulture)}.");
        }

        skipped = 0;
        var deltas = new SortedDictionary<long, decimal>();
        foreach (var line in Lines(source.Path))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var minute = (root.GetProperty("minute_key").GetInt64() - 1) * MinuteMs;
                // A stale minute (the recorder's OI poll failed) recorded no change of its own.
                var stale = root.TryGetProperty("oi_stale", out var s) && s.ValueKind == JsonValueKind.True;
                deltas[minute] = stale ? 0m : root.GetProperty("oi_delta_base").GetDecimal();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                skipped++;
            }
        }

        var minutes = new long[deltas.Count];
        var levels = new decimal[deltas.Count];
        var level = source.StartBase;
        var i = 0;
        foreach (var (minute, delta) in deltas)
        {
            level += delta;
            minutes[i] = minute;
            levels[i++] = level;
        }

        return new RecordedOpenInterest(source, minutes, levels);
    }

    /// <summary>The level in base units at recorded minute <paramref name="recordedMinuteMs"/>: start + changes up to it, floored.</summary>
    public decimal BaseAt(long recordedMinuteMs)
    {
        var found = Array.BinarySearch(_minutes, Floor(recordedMinuteMs));
        var index = found >= 0 ? found : ~found - 1;
        var level = index >= 0 ? _levels[index] : Source.StartBase;
        return Math.Max(Source.StartBase * FloorShare, level);
    }

    /// <summary>
    /// The open interest to serve at the replayed trade at <paramref name="tradeTimeMs"/> (already on served time) with
    /// price <paramref name="tradePrice"/>, in the symbol's units (contracts for COIN-M, whole as Binance sends them). The
    /// first call fixes the minute shift.
    /// </summary>
    public decimal At(long tradeTimeMs, decimal tradePrice)
    {
        _shiftMs ??= Floor(tradeTimeMs) - AnchorMinuteMs;
        var recordedMinute = Floor(tradeTimeMs) - _shiftMs.Value;
        var level = BaseAt(recordedMinute);
        Volatile.Write(ref _lastBase, (double)level);
        Volatile.Write(ref _lastRecordedMinuteMs, recordedMinute);
        if (level == Source.StartBase * FloorShare && recordedMinute != _lastFlooredMinute)
        {
            _lastFlooredMinute = recordedMinute;
            FlooredMinutes++;
        }

        return Source.InverseContractUsd is { } face && tradePrice > 0
            ? Math.Max(1m, Math.Round(level * tradePrice / face, 0, MidpointRounding.ToEven))
            : level;
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

    private static long Floor(long ms) => ms - (((ms % MinuteMs) + MinuteMs) % MinuteMs);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Source.Symbol}: {_minutes.Length} recorded minutes from {Source.Path}, start {Source.StartBase}");
}
