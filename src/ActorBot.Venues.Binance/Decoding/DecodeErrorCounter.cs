using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>
/// Counts decode failures as <c>decode_errors_total{source,reason}</c>: on the <see cref="Counter{T}"/> it is given
/// (the service's meter instrument, exported on <c>/metrics</c>), and in an in-process tally that tests, the probe and
/// <c>doctor</c> can read without a metrics listener. Instances are independent (one per venue, one per test).
/// </summary>
public sealed class DecodeErrorCounter
{
    public const string InstrumentName = "decode_errors_total";

    private readonly ConcurrentDictionary<(string Source, string Reason), long> _counts = new();
    private readonly Counter<long>? _instrument;

    /// <param name="instrument">where each error is also recorded (tags <c>source</c>, <c>reason</c>); null: the tally only.</param>
    public DecodeErrorCounter(Counter<long>? instrument = null) => _instrument = instrument;

    public void Record(in DecodeError error)
    {
        var reason = error.ReasonLabel;
        _counts.AddOrUpdate((error.Source, reason), 1, static (_, n) => n + 1);
        _instrument?.Add(
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
