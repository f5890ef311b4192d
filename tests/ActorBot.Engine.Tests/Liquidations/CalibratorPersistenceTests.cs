using System.Diagnostics.Metrics;
using System.Text.Json;
using ActorBot.Domain.Bars;
using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;
using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Telemetry;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using Akka.Actor;
using Microsoft.Data.Sqlite;

namespace ActorBot.Engine.Tests.Liquidations;

/// <summary>
/// The symbol's liquidation subtree (/liquidations, /zones, /calibrator) on the service's real journal (Akka.Persistence.Sql
/// on a SQLite file, our serializer), fed the bundled real trades and liquidation tape (<see cref="RecordedLiquidationDay"/>,
/// moved ahead of the clock so the zones' catch-up decay counts no downtime) from two venues: every venue's liquidations
/// reach the tape and the calibrator, OI is summed, the calibrator's weights reach /liquidations, and after a clean stop,
/// or a kill of /calibrator and /zones, the same zones and weights are served.
/// </summary>
public sealed class CalibratorPersistenceTests : IDisposable
{
    private const string Symbol = RecordedLiquidationDay.Symbol;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-calibrator-").FullName;
    private readonly SqlPersistenceOptions _options;

    public CalibratorPersistenceTests()
    {
        _options = SqlPersistenceOptions.SqliteFile(Path.Combine(_dir, "actorbot.db"));
        SchemaCreator.Create(_options);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "Two venues' liquidations and OI reach one symbol: tape and calibrator count both, OI summed, weights reach /liquidations; after a clean stop the same zones and weights are served")]
    public void TwoVenuesAndCleanStop()
    {
        // Zones snapshot only on the clean stop here (every 1000 minutes): the restart must see the last minute anyway.
        var settings = Settings(zoneSnapshotEvery: 1000);
        ZonesState zonesBefore;
        CalibratorStats statsBefore;
        int sent;
        using (var first = new Harness(_options))
        {
            var symbol = first.StartSymbol(settings);
            (sent, var lastClosed) = Feed(first, symbol, 101);
            var closed = first.AwaitClosed(lastClosed);
            var calibrator = first.AwaitSummary("calibrator", s => s.GetProperty("minutes").GetInt64() == closed && s.GetProperty("total").GetInt64() == sent);
            calibrator.GetProperty("calibrations").GetInt64().Should().BeGreaterThanOrEqualTo(4);
            calibrator.GetProperty("attributed").GetInt64().Should().BeGreaterThan(0);
            calibrator.GetProperty("snapshotsSaved").GetInt64().Should().BeGreaterThanOrEqualTo(1);
            var liquidations = first.AwaitSummary("liquidations", s => s.GetProperty("weightsApplied").GetInt64() >= 4);
            liquidations.GetProperty("liquidations").GetInt64().Should().Be(sent, "both venues' liquidations reach the tape");
            liquidations.GetProperty("openInterestVenues").GetInt32().Should().Be(2);
            liquidations.GetProperty("openInterestBase").GetDouble().Should().Be(OiBinance(100) + OiBybit(100), "OI is summed over the venues in base units");

            statsBefore = first.Ask<CalibratorStats>(symbol, new GetCalibratorStats(Symbol));
            statsBefore.TotalEvents.Should().Be(sent);
            (statsBefore.Attributed + statsBefore.DroppedNoSnapshot + statsBefore.Rejected).Should().Be(statsBefore.TotalEvents);
            statsBefore.SnapshotsHeld.Should().BeGreaterThan(0);
            statsBefore.Weights.Values.Sum().Should().BeApproximately(1, 1e-9);
            SameAs(WeightsOf(liquidations), statsBefore, "the inference uses the calibrator's weights");
            zonesBefore = first.Ask<ZonesState>(symbol, new GetZones(Symbol));
            zonesBefore.Zones.Should().NotBeEmpty();
        }

        using var second = new Harness(_options);
        var restarted = second.StartSymbol(settings);
        var zonesAfter = second.Ask<ZonesState>(restarted, new GetZones(Symbol));
        zonesAfter.Zones.Should().BeEquivalentTo(zonesBefore.Zones, o => o.WithStrictOrdering());
        zonesAfter.LastMinuteMs.Should().Be(zonesBefore.LastMinuteMs);
        var statsAfter = second.Ask<CalibratorStats>(restarted, new GetCalibratorStats(Symbol));
        SameWeights(statsAfter, statsBefore);
        // The clean stop saved the counters after the last calibration too.
        (statsAfter.TotalEvents, statsAfter.Attributed, statsAfter.DroppedNoSnapshot).Should().Be((statsBefore.TotalEvents, statsBefore.Attributed, statsBefore.DroppedNoSnapshot));
        var pushed = second.AwaitSummary("liquidations", s => s.GetProperty("weightsApplied").GetInt64() == 1);
        SameAs(WeightsOf(pushed), statsBefore, "recovered weights are pushed to /liquidations on start");
        second.AwaitSummary("calibrator", s => s.GetProperty("restoredFrom").GetString() == "snapshot");
    }

    [Fact(DisplayName = "A kill of the symbol (its parent restarts it, as /bot does): /calibrator and /zones recover their last snapshots and serve the same zones and weights")]
    public void KillCalibratorAndZones()
    {
        var settings = Settings(zoneSnapshotEvery: 1);
        using var harness = new Harness(_options);
        var symbol = harness.StartSymbol(settings);
        var (_, lastClosed) = Feed(harness, symbol, 101);
        var closed = harness.AwaitClosed(lastClosed);
        var calibrations = harness.AwaitSummary("calibrator", s => s.GetProperty("minutes").GetInt64() == closed).GetProperty("calibrations").GetInt64();
        calibrations.Should().BeGreaterThanOrEqualTo(3);
        harness.AwaitSummary("calibrator", s => s.GetProperty("snapshotsSaved").GetInt64() == calibrations);
        harness.AwaitSummary("zones", s => s.GetProperty("snapshotsSaved").GetInt64() == s.GetProperty("minutesApplied").GetInt64() && s.GetProperty("minutesApplied").GetInt64() > 0);
        var zonesBefore = harness.Ask<ZonesState>(symbol, new GetZones(Symbol));
        var statsBefore = harness.Ask<CalibratorStats>(symbol, new GetCalibratorStats(Symbol));
        var weightsAppliedBefore = harness.AwaitSummary("liquidations", _ => true).GetProperty("weightsApplied").GetInt64();

        // A Kill stops a child under Akka's default decider; the symbol's parent restarts it, and with it its subtree.
        symbol.Tell(Kill.Instance);
        harness.AwaitSummary("calibrator", s => s.GetProperty("restoredFrom").GetString() == "snapshot" && s.GetProperty("minutes").GetInt64() == 0);

        var zonesAfter = harness.Ask<ZonesState>(symbol, new GetZones(Symbol));
        zonesAfter.Zones.Should().BeEquivalentTo(zonesBefore.Zones, o => o.WithStrictOrdering());
        zonesAfter.LastMinuteMs.Should().Be(zonesBefore.LastMinuteMs);
        SameWeights(harness.Ask<CalibratorStats>(symbol, new GetCalibratorStats(Symbol)), statsBefore);
        weightsAppliedBefore.Should().BeGreaterThanOrEqualTo(calibrations);
        var pushed = harness.AwaitSummary("liquidations", s => s.GetProperty("weightsApplied").GetInt64() == 1 && s.GetProperty("minutesClosed").GetInt64() == 0);
        SameAs(WeightsOf(pushed), statsBefore, "the restarted /liquidations gets the recovered weights");
    }

    [Fact(DisplayName = "Two-input rule: a liquidation before any minute snapshot is dropped_no_snapshot (stats, probe, metric); one in a snapshotted minute is attributed")]
    public void TwoInputRule()
    {
        using var harness = new Harness(_options);
        var dropped = 0L;
        using var listener = new MeterListener();
        var metrics = ActorBotMetrics.For(harness.System);
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name == "actorbot_liquidation_calibrator_dropped_no_snapshot_total")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dropped, value));
        listener.Start();

        var weights = harness.Kit.CreateTestProbe();
        var calibrator = harness.System.ActorOf(Props.Create(() => new CalibratorActor(Symbol, new BucketGrid(20m), new CalibratorOptions { WindowMinutes = 2 }, weights.Ref)), "calibrator");
        const long minute = 1_780_000_020_000 - (1_780_000_020_000 % 60_000);
        calibrator.Tell(new LiquidationReceived(new LiquidationEvent("bybit-linear", Symbol, LiquidationSide.Long, 79_500m, 0.5m, minute + 5_000)));
        calibrator.Tell(Snapshot(minute, 80_000));
        calibrator.Tell(new LiquidationReceived(new LiquidationEvent("binance-usdm", Symbol, LiquidationSide.Long, 79_600m, 0.5m, minute + 30_000)));
        calibrator.Tell(new LiquidationReceived(new LiquidationEvent("binance-usdm", "ETHUSDT", LiquidationSide.Long, 3_000m, 1m, minute + 30_000)));
        calibrator.Tell(new GetCalibratorStats(Symbol), harness.Kit.TestActor);
        var stats = harness.Kit.ExpectMsg<CalibratorStats>(Wait);
        (stats.TotalEvents, stats.Attributed, stats.DroppedNoSnapshot, stats.Rejected, stats.SnapshotsHeld).Should().Be((3L, 1L, 1L, 1L, 1));
        // No snapshot to restore and no window completed yet: no weights.
        weights.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        calibrator.Tell(Snapshot(minute + 60_000, 80_050));
        weights.ExpectMsg<UpdateLeverageWeights>(Wait).WeightsByTier.Values.Sum().Should().BeApproximately(1, 1e-9);
        calibrator.Tell(ProbeState.Instance, harness.Kit.TestActor);
        var summary = JsonDocument.Parse(JsonSerializer.Serialize(harness.Kit.ExpectMsg<ActorProbe>().Summary)).RootElement;
        summary.GetProperty("droppedNoSnapshot").GetInt64().Should().Be(1);
        summary.GetProperty("calibrations").GetInt64().Should().Be(1);
        summary.GetProperty("minutesSinceCalibration").GetInt32().Should().Be(0);
        summary.GetProperty("lastCalibrationMinuteMs").GetInt64().Should().Be(minute + 60_000);
        summary.GetProperty("weights").EnumerateObject().Should().NotBeEmpty();
        listener.RecordObservableInstruments();
        Interlocked.Read(ref dropped).Should().Be(1);
    }

    private static LiquidationMinuteSnapshot Snapshot(long minuteMs, double price)
    {
        var grid = new BucketGrid(20m);
        var predicted = new Dictionary<long, double> { [grid.TickOf((decimal)price - 400)] = 200_000, [grid.TickOf((decimal)price - 800)] = 50_000 };
        var closed = new MinuteClosed(Symbol, minuteMs, price, price + 30, price - 30, price, 1_000_000, 900_000, 100, 50_000);
        return new LiquidationMinuteSnapshot(Symbol, closed, predicted, new Dictionary<long, double>(), [], 0.002, 10);
    }

    private static LiquidationSettings Settings(int zoneSnapshotEvery) => new(
        new Dictionary<string, decimal> { ["BTC"] = 20m }, TimeSpan.FromSeconds(2), zoneSnapshotEvery,
        new CalibratorSettings(new CalibratorOptions { WindowMinutes = 5 }));

    private static double OiBinance(int i) => 50_000 + (100.0 * i);

    private static double OiBybit(int i) => 20_000 + (40.0 * i);

    /// <summary>
    /// The recorded minutes, moved 10 minutes ahead of now (so no timer closes the open last one), liquidations alternating
    /// between two venues; returns how many were sent and the last minute a later trade closes.
    /// </summary>
    private static (int Sent, long LastClosedMs) Feed(Harness harness, IActorRef symbol, int count)
    {
        var minutes = RecordedLiquidationDay.Minutes(count);
        var offset = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000) + (10 * 60_000) - minutes[0].MinuteMs;
        var sent = 0;
        for (var i = 0; i < minutes.Count; i++)
        {
            var (minute, trades, liquidations) = minutes[i];
            symbol.Tell(new TradeBatch(Symbol, trades.Select(t => t with { TimestampMs = t.TimestampMs + offset }).ToArray()));
            // Live, a liquidation comes long after the previous minute closed; a test feeding at full speed must wait for
            // that minute's snapshot, or every event would find none (the two-input rule drops them, tested below).
            if (i > 0 && liquidations.Length > 0)
            {
                var previous = minutes[i - 1].MinuteMs + offset;
                harness.AwaitSummary("liquidations", s => s.GetProperty("lastMinuteMs") is { ValueKind: JsonValueKind.Number } m && m.GetInt64() >= previous);
            }

            foreach (var liquidation in liquidations)
            {
                var venue = sent++ % 2 == 0 ? "binance-usdm" : "bybit-linear";
                symbol.Tell(new LiquidationReceived(liquidation with { Venue = venue, TimestampMs = liquidation.TimestampMs + offset }));
            }

            symbol.Tell(new OpenInterestSampled("binance-usdm", Symbol, OiBinance(i), minute + offset + 30_000));
            symbol.Tell(new OpenInterestSampled("bybit-linear", Symbol, OiBybit(i), minute + offset + 30_000));
        }

        sent.Should().BeGreaterThan(5, "the tape's first minutes hold liquidations");
        return (sent, minutes[^2].MinuteMs + offset);
    }

    private static void SameWeights(CalibratorStats after, CalibratorStats before)
    {
        after.Weights.Should().BeEquivalentTo(before.Weights);
        (after.Buffer, after.Tolerance, after.BiasLong, after.BiasShort, after.CalibrationCount, after.CalibrationEnabled, after.LastCalibrationMinuteMs)
            .Should().Be((before.Buffer, before.Tolerance, before.BiasLong, before.BiasShort, before.CalibrationCount, before.CalibrationEnabled, before.LastCalibrationMinuteMs));
    }

    private static Dictionary<string, double> WeightsOf(JsonElement liquidations) =>
        liquidations.GetProperty("leverageWeights").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

    private static void SameAs(Dictionary<string, double> inference, CalibratorStats stats, string because)
    {
        inference.Keys.Should().BeEquivalentTo(stats.Weights.Keys.Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)), because);
        foreach (var (tier, weight) in stats.Weights)
        {
            inference[tier.ToString(System.Globalization.CultureInfo.InvariantCulture)].Should().BeApproximately(weight, 1e-12, because);
        }
    }

    /// <summary>One actor system on the SQLite journal running one symbol; disposing it stops everything cleanly.</summary>
    private sealed class Harness : IDisposable
    {
        public Harness(SqlPersistenceOptions options)
        {
            System = ActorSystem.Create("calibrator", ActorBotPersistence.SystemSetup(options, EnginePersistence.CreateSerializer(),
                Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
            Kit = new Akka.TestKit.Xunit2.TestKit(System);
        }

        private IActorRef? _symbol;

        public ActorSystem System { get; }

        public Akka.TestKit.Xunit2.TestKit Kit { get; }

        /// <summary>The symbol under a parent that restarts it on any failure, as /bot does.</summary>
        public IActorRef StartSymbol(LiquidationSettings settings) => _symbol = Kit.ChildActorOf(
            Props.Create(() => new SymbolActor(Symbol, TimeSpan.FromMinutes(5), null, settings)), Symbol, RestartCountingStrategy.RestartUpTo10PerMinute());

        /// <summary>Waits until /liquidations has closed <paramref name="lastClosedMs"/> and /zones applied its minutes; returns the minutes closed.</summary>
        public long AwaitClosed(long lastClosedMs)
        {
            var closed = AwaitSummary("liquidations", s => s.GetProperty("lastMinuteMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastMinuteMs").GetInt64() == lastClosedMs)
                .GetProperty("minutesClosed").GetInt64();
            AwaitSummary("zones", s => s.GetProperty("minutesApplied").GetInt64() == closed);
            return closed;
        }

        public ActorSelection Child(string name) => System.ActorSelection(_symbol!.Path / name);

        public T Ask<T>(IActorRef symbol, object question)
        {
            var probe = Kit.CreateTestProbe();
            symbol.Tell(question, probe.Ref);
            return probe.ExpectMsg<T>(Wait);
        }

        /// <summary>Polls the child's probe summary until <paramref name="done"/> holds (bounded); returns the last one.</summary>
        public JsonElement AwaitSummary(string child, Func<JsonElement, bool> done)
        {
            JsonElement last = default;
            Kit.AwaitAssert(
                () =>
                {
                    // A probe per poll: an answer that comes late cannot be taken for the next question's.
                    var probe = Kit.CreateTestProbe();
                    Child(child).Tell(ProbeState.Instance, probe.Ref);
                    last = JsonDocument.Parse(JsonSerializer.Serialize(probe.ExpectMsg<ActorProbe>(Wait).Summary)).RootElement.Clone();
                    done(last).Should().BeTrue($"/{child} reached the state (now {last})");
                },
                Wait * 2,
                TimeSpan.FromMilliseconds(100));
            return last;
        }

        public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(15));
    }
}
