namespace ActorBot.Engine.Telemetry;

/// <summary>How an instrument is exposed on <c>/metrics</c>.</summary>
public enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}

/// <summary>
/// One metric family as exposed: its exact name, Prometheus type, help and label names (and buckets for a
/// histogram). <c>System.Diagnostics.Metrics</c> instruments carry no label names, so the exporter creates each
/// family from its spec up front: the family is on <c>/metrics</c> (with its TYPE) before the first event.
/// </summary>
public sealed record MetricSpec(string Name, MetricKind Kind, string Help, IReadOnlyList<string> Labels, IReadOnlyList<double>? Buckets = null)
{
    public static MetricSpec Counter(string name, string help, params string[] labels) => new(name, MetricKind.Counter, help, labels);

    public static MetricSpec Gauge(string name, string help, params string[] labels) => new(name, MetricKind.Gauge, help, labels);

    public static MetricSpec Histogram(string name, string help, IReadOnlyList<double> buckets, params string[] labels) =>
        new(name, MetricKind.Histogram, help, labels, buckets);
}
