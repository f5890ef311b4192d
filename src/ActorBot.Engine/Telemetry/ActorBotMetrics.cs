using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ActorBot.Engine.Probing;
using Akka.Actor;

namespace ActorBot.Engine.Telemetry;

/// <summary>
/// The service's <c>System.Diagnostics.Metrics</c> instruments, on one <see cref="System.Diagnostics.Metrics.Meter"/>
/// named <c>ActorBot</c> per service instance (two services in one process never mix counts). The actors and adapters
/// record where the event happens; the Domain stays pure. Instrument names are the exposed Prometheus names (the
/// exporter adds no prefix or suffix): the list with types and labels is in docs/api.md. Reached from an actor with
/// <see cref="For"/>: the host installs its own instance (<see cref="Install"/>), anything else (Engine tests, replay)
/// gets a fresh one per actor system that nobody exports.
/// </summary>
public sealed class ActorBotMetrics : IExtension, IDisposable
{
    public const string MeterName = "ActorBot";

    // Persist call → handler: SQLite writes are milliseconds; seconds, as Prometheus base units.
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    // Model scores are probabilities: ten equal bins.
    private static readonly double[] ScoreBuckets = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

    private readonly ConcurrentDictionary<string, MetricSpec> _specs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _feedSeenMs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Long, int Short)> _zonesActive = new(StringComparer.Ordinal);
    private readonly Func<DateTimeOffset> _clock;
    private volatile IReadOnlyList<string>? _pauseReasons;
    private volatile RestartLedger? _restarts;

    /// <param name="clock">the clock feed age is measured on (the actor system's scheduler clock by default).</param>
    public ActorBotMetrics(Func<DateTimeOffset>? clock = null)
    {
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        Meter = new Meter(MeterName);
        Decisions = Counter(MetricSpec.Counter("actorbot_strategy_decisions_total", "Strategy decisions on signals, by action.", "action"));
        RiskDrops = Counter(MetricSpec.Counter("risk_drops_total", "Trade intents /risk refused, by the first rule that blocked.", "reason"));
        Orders = Counter(MetricSpec.Counter("actorbot_orders_total", "Order requests /execution sent to the venue, by route and status.", "venue", "route", "status"));
        Fills = Counter(MetricSpec.Counter("actorbot_fills_total", "Fills applied to our orders (venue executions or paper fills).", "venue", "symbol"));
        DecodeErrors = Counter(MetricSpec.Counter("decode_errors_total", "Venue payloads that failed to decode, by source and reason.", "source", "reason"));
        PersistLatency = Histogram(MetricSpec.Histogram("actorbot_persist_latency_seconds", "Journal write: Persist call to its handler, by persistent actor.", LatencyBuckets, "actor"));
        LiquidationsReceived = Counter(MetricSpec.Counter("actorbot_liquidations_received_total", "Forced liquidations a venue normalised and sent to the symbol's /liquidations.", "venue", "symbol"));
        LiquidationsRejected = Counter(MetricSpec.Counter("actorbot_liquidations_rejected_total", "Forced liquidations a venue refused to normalise, by reason (decode failures are in decode_errors_total).", "venue", "reason"));
        LiquidationCalibrations = Counter(MetricSpec.Counter("actorbot_liquidation_calibrations_total", "Calibration windows the symbol's /calibrator completed (applied or not).", "symbol"));
        CalibratorDroppedNoSnapshot = Counter(MetricSpec.Counter("actorbot_liquidation_calibrator_dropped_no_snapshot_total", "Liquidations the symbol's /calibrator could not attribute: no minute snapshot at or before their minute.", "symbol"));
        BookFrames = Counter(MetricSpec.Counter("actorbot_book_frames_total", "30 s order-book frames the symbol's /book took on a slot boundary.", "symbol"));
        BookResyncs = Counter(MetricSpec.Counter("actorbot_book_resyncs_total", "Order-book sequence breaks after which the symbol's /book fetched a new REST snapshot.", "symbol"));
        ModelScores = Histogram(MetricSpec.Histogram("actorbot_model_score", "Model probabilities scored on signals, by symbol, model and role (active|shadow).", ScoreBuckets, "symbol", "model", "role"));
        Observe(MetricSpec.Gauge("actorbot_safe_pause", "1 while SAFE_PAUSE holds anywhere, else 0."), () => PauseGauge());
        Observe(MetricSpec.Gauge("actorbot_safe_pause_reasons", "How many SAFE_PAUSE causes are active."), () => PauseCount());
        Observe(MetricSpec.Gauge("actorbot_safe_pause_reason", "1 for each active SAFE_PAUSE cause.", "reason"), PauseReasons);
        ObserveLong(MetricSpec.Gauge("actorbot_liquidation_zones_active", "Active liquidation zones of the symbol's /zones, by side (long|short).", "symbol", "side"), ZonesActiveMeasurements);
        Observe(MetricSpec.Gauge("actorbot_feed_age_seconds", "Seconds since the last market data of the symbol arrived.", "symbol"), FeedAges);
        ObserveLong(MetricSpec.Gauge("actorbot_mailbox_depth", "Messages queued in the main actors' mailboxes.", "actor"), Mailboxes.Observe);
        ObserveCounter(MetricSpec.Counter("actorbot_actor_restarts_total", "Restarts ordered by supervisors (the /actors restart count), by actor path.", "actor"), RestartCounts);
    }

    public Meter Meter { get; }

    public Counter<long> Decisions { get; }

    public Counter<long> RiskDrops { get; }

    public Counter<long> Orders { get; }

    public Counter<long> Fills { get; }

    public Counter<long> DecodeErrors { get; }

    public Histogram<double> PersistLatency { get; }

    public Counter<long> LiquidationsReceived { get; }

    public Counter<long> LiquidationsRejected { get; }

    public Counter<long> LiquidationCalibrations { get; }

    public Counter<long> CalibratorDroppedNoSnapshot { get; }

    public Counter<long> BookFrames { get; }

    public Counter<long> BookResyncs { get; }

    public Histogram<double> ModelScores { get; }

    public MailboxDepths Mailboxes { get; } = new();

    /// <summary>This actor system's instance: the host's (see <see cref="Install"/>) or a fresh one.</summary>
    public static ActorBotMetrics For(ActorSystem system) => system.WithExtension<ActorBotMetrics, ActorBotMetricsId>();

    /// <summary>Makes <paramref name="metrics"/> the system's instance; call before any actor starts.</summary>
    public static void Install(ActorSystem system, ActorBotMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(metrics);
        system.RegisterExtension(new ActorBotMetricsId(metrics));
        metrics.AttachRestarts(RestartLedger.For(system));
    }

    internal void AttachRestarts(RestartLedger ledger) => _restarts = ledger;

    /// <summary>The spec of an instrument of this meter, by name (null: not ours).</summary>
    public MetricSpec? SpecOf(string instrumentName) => _specs.GetValueOrDefault(instrumentName);

    /// <summary>An observable gauge or counter whose values someone else samples (the host's probe families).</summary>
    public void Observe(MetricSpec spec, Func<IEnumerable<Measurement<double>>> observe)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Describe(spec);
        _ = spec.Kind == MetricKind.Counter
            ? Meter.CreateObservableCounter(spec.Name, observe, description: spec.Help)
            : (Instrument)Meter.CreateObservableGauge(spec.Name, observe, description: spec.Help);
    }

    /// <summary>The bot's SAFE_PAUSE causes after every change (an immutable copy).</summary>
    public void SafePauseChanged(IReadOnlyList<string> activeReasons) => _pauseReasons = activeReasons.ToArray();

    /// <summary>The active zones of a symbol's /zones after its latest change.</summary>
    public void ZonesActive(string symbol, int longZones, int shortZones) => _zonesActive[symbol] = (longZones, shortZones);

    /// <summary>Market data of <paramref name="symbol"/> arrived now.</summary>
    public void FeedSeen(string symbol) => _feedSeenMs[symbol] = _clock().ToUnixTimeMilliseconds();

    /// <summary>Records the time since <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) as a journal write of <paramref name="actor"/>.</summary>
    public void PersistDone(string actor, long startTimestamp) =>
        PersistLatency.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("actor", actor));

    public void Dispose() => Meter.Dispose();

    private Counter<long> Counter(MetricSpec spec) => Describe(spec).Meter.CreateCounter<long>(spec.Name, description: spec.Help);

    private Histogram<double> Histogram(MetricSpec spec) => Describe(spec).Meter.CreateHistogram<double>(spec.Name, description: spec.Help);

    private void ObserveLong(MetricSpec spec, Func<IEnumerable<Measurement<long>>> observe) =>
        Describe(spec).Meter.CreateObservableGauge(spec.Name, observe, description: spec.Help);

    private void ObserveCounter(MetricSpec spec, Func<IEnumerable<Measurement<long>>> observe) =>
        Describe(spec).Meter.CreateObservableCounter(spec.Name, observe, description: spec.Help);

    private ActorBotMetrics Describe(MetricSpec spec)
    {
        if (!_specs.TryAdd(spec.Name, spec))
        {
            throw new InvalidOperationException($"metric {spec.Name} is defined twice");
        }

        return this;
    }

    // Before the bot's first publish there is no state to report: no sample rather than a made-up 0.
    private IEnumerable<Measurement<double>> PauseGauge() =>
        _pauseReasons is { } r ? [new Measurement<double>(r.Count > 0 ? 1 : 0)] : [];

    private IEnumerable<Measurement<double>> PauseCount() =>
        _pauseReasons is { } r ? [new Measurement<double>(r.Count)] : [];

    private IEnumerable<Measurement<double>> PauseReasons() =>
        (_pauseReasons ?? []).Select(r => new Measurement<double>(1, new KeyValuePair<string, object?>("reason", r)));

    private IEnumerable<Measurement<double>> FeedAges()
    {
        var now = _clock().ToUnixTimeMilliseconds();
        return _feedSeenMs.Select(f => new Measurement<double>(Math.Max(0, now - f.Value) / 1000.0, new KeyValuePair<string, object?>("symbol", f.Key)));
    }

    private IEnumerable<Measurement<long>> ZonesActiveMeasurements() =>
        _zonesActive.SelectMany(z => new[]
        {
            new Measurement<long>(z.Value.Long, new KeyValuePair<string, object?>("symbol", z.Key), new KeyValuePair<string, object?>("side", "long")),
            new Measurement<long>(z.Value.Short, new KeyValuePair<string, object?>("symbol", z.Key), new KeyValuePair<string, object?>("side", "short")),
        });

    private IEnumerable<Measurement<long>> RestartCounts() =>
        (_restarts?.Snapshot() ?? new Dictionary<string, RestartRecord>()).Select(r => new Measurement<long>(r.Value.Restarts, new KeyValuePair<string, object?>("actor", r.Key)));
}

/// <summary>Akka extension id of <see cref="ActorBotMetrics"/>: the installed instance, or a fresh one on the system's clock.</summary>
public sealed class ActorBotMetricsId : ExtensionIdProvider<ActorBotMetrics>
{
    private readonly ActorBotMetrics? _installed;

    public ActorBotMetricsId()
    {
    }

    internal ActorBotMetricsId(ActorBotMetrics installed) => _installed = installed;

    public override ActorBotMetrics CreateExtension(ExtendedActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (_installed is not null)
        {
            return _installed;
        }

        var metrics = new ActorBotMetrics(() => system.Scheduler.Now);
        metrics.AttachRestarts(RestartLedger.For(system));
        // A meter stays in .NET's static list until disposed, and this one's clock holds the system.
        system.RegisterOnTermination(metrics.Dispose);
        return metrics;
    }
}
