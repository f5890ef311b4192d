using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>
/// Counts decode failures as <c>decode_errors_total{source,reason}</c>: a
/// <see cref="System.Diagnostics.Metrics"/> counter for exporters, and an in-process tally that tests,
/// the probe and <c>doctor</c> can read without a metrics listener. Instances are independent
/// (one per venue, one per test); the meter instrument is shared.
/// </summary>
public sealed class DecodeErrorCounter
{
    public const string MeterName = "ActorBot.Venues.Binance";
    public const string InstrumentName = "decode_errors_total";

    private static readonly Meter SharedMeter = new(MeterName);
    private static readonly Counter<long> Instrument = SharedMeter.CreateCounter<long>(
        InstrumentName, unit: "{error}", description: "Payloads that failed to decode, by source and reason.");

    private readonly ConcurrentDictionary<(string Source, string Reason), long> _counts = new();

    public void Record(in DecodeError error)
    {
        var reason = error.ReasonLabel;
        _counts.AddOrUpdate((error.Source, reason), 1, static (_, n) => n + 1);
        Instrument.Add(
            1,
            new KeyValuePair<string, object?>("source", error.Source),
            new KeyValuePair<string, object?>("reason", reason));
    }

    public long Get(string source, string reason) => _counts.TryGetValue((source, reason), out var n) ? n : 0;

    public long Total => _counts.Values.Sum();

    /// <summary>A copy of all tallies keyed by (source, reason).</summary>
    public IReadOnlyDictionary<(string Source, string Reason), long> Snapshot() =>
        new Dictionary<(string Source, string Reason), long>(_counts);
}
