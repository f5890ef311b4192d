using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ActorBot.Engine.Telemetry;
using Prometheus;

namespace ActorBot.Host.Service.Metrics;

/// <summary>
/// Exports one service's <see cref="ActorBotMetrics"/> meter into its own prometheus-net <see cref="CollectorRegistry"/>
/// (served by <c>MapMetrics</c> at <c>/metrics</c>). Why not prometheus-net's <c>MeterAdapter</c>: in 8.2.1 it exposes
/// every .NET counter as a Prometheus <c>gauge</c>, prefixes every name with the meter's (so <c>risk_drops_total</c>
/// could not keep its name) and drops a series after 5 minutes without change (a drop reason that stops firing would
/// vanish). Here each instrument becomes the family its <see cref="MetricSpec"/> names, with that exact name, type
/// and labels, created when the instrument is published (so it is listed before its first event). Only this meter
/// instance is listened to: a second service in the process has its own meter and registry.
/// </summary>
internal sealed class MeterExporter : IDisposable
{
    private readonly ActorBotMetrics _metrics;
    private readonly MetricFactory _factory;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Family> _families = new();
    private readonly SemaphoreSlim _cycle = new(1, 1);

    /// <param name="beforeCollect">runs before the observable instruments are read on each scrape (the probe's asks).</param>
    public MeterExporter(ActorBotMetrics metrics, Func<CancellationToken, Task> beforeCollect)
    {
        _metrics = metrics;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        _factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        // The process's own families (process_working_set_bytes — the RSS on Linux —, CPU, threads, GC counts), so an
        // operator can alert on memory next to the service's figures; prometheus-net's standard names.
        DotNetStats.Register(Registry);
        _listener.InstrumentPublished = OnPublished;
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.Start();
        // One async callback, so the asks finish before the observable instruments are read (prometheus-net runs its
        // sync callbacks before the async ones). One scrape at a time: the stale-series sweep needs a whole cycle.
        Registry.AddBeforeCollectCallback(async ct =>
        {
            await _cycle.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await beforeCollect(ct).ConfigureAwait(false);
                RecordObservables();
            }
            finally
            {
                _cycle.Release();
            }
        });
    }

    public CollectorRegistry Registry { get; }

    public void Dispose()
    {
        _listener.Dispose();
        _cycle.Dispose();
    }

    private void OnPublished(Instrument instrument, MeterListener listener)
    {
        if (!ReferenceEquals(instrument.Meter, _metrics.Meter) || _metrics.SpecOf(instrument.Name) is not { } spec)
        {
            return;
        }

        var labels = spec.Labels.ToArray();
        var observable = instrument.IsObservable;
        Collector collector = spec.Kind switch
        {
            MetricKind.Counter => _factory.CreateCounter(spec.Name, spec.Help, labels, new CounterConfiguration { SuppressInitialValue = observable }),
            MetricKind.Gauge => _factory.CreateGauge(spec.Name, spec.Help, labels, new GaugeConfiguration { SuppressInitialValue = true }),
            _ => _factory.CreateHistogram(spec.Name, spec.Help, labels, new HistogramConfiguration { Buckets = spec.Buckets?.ToArray() }),
        };
        _families[instrument] = new Family(spec, collector, observable);
        listener.EnableMeasurementEvents(instrument);
    }

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_families.TryGetValue(instrument, out var family))
        {
            return;
        }

        // Label values in the spec's order; a tag the spec does not name is not exported, a missing one is "".
        var values = new string[family.Spec.Labels.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = string.Empty;
            foreach (var tag in tags)
            {
                if (tag.Key == family.Spec.Labels[i])
                {
                    values[i] = tag.Value?.ToString() ?? string.Empty;
                }
            }
        }

        switch (family.Collector)
        {
            case Counter counter when family.Observable:
                // An observable counter reports its running total; a total below the exported one (the source
                // restarted) leaves the exported value where it is, as a Prometheus counter must.
                counter.WithLabels(values).IncTo(value);
                break;
            case Counter counter:
                counter.WithLabels(values).Inc(value);
                break;
            case Gauge gauge:
                gauge.WithLabels(values).Set(value);
                break;
            case Histogram histogram:
                histogram.WithLabels(values).Observe(value);
                break;
        }

        if (family.Observable)
        {
            family.Seen.Add(string.Join('\u001f', values));
        }
    }

    /// <summary>Reads every observable instrument; a series its callback no longer reports is removed (a cleared SAFE_PAUSE reason).</summary>
    private void RecordObservables()
    {
        foreach (var family in _families.Values.Where(f => f.Observable))
        {
            family.Seen.Clear();
        }

        _listener.RecordObservableInstruments();
        foreach (var family in _families.Values.Where(f => f.Observable))
        {
            foreach (var values in family.LabelValues())
            {
                if (!family.Seen.Contains(string.Join('\u001f', values)))
                {
                    family.Remove(values);
                }
            }
        }
    }

    private sealed record Family(MetricSpec Spec, Collector Collector, bool Observable)
    {
        // Touched only inside a collection cycle (one at a time).
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public List<string[]> LabelValues() => Collector switch
        {
            Counter c => c.GetAllLabelValues().ToList(),
            Gauge g => g.GetAllLabelValues().ToList(),
            _ => [],
        };

        public void Remove(string[] values)
        {
            switch (Collector)
            {
                case Counter c:
                    c.RemoveLabelled(values);
                    break;
                case Gauge g:
                    g.RemoveLabelled(values);
                    break;
            }
        }
    }
}
