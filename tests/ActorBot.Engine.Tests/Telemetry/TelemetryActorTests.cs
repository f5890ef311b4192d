using System.Text.Json;
using ActorBot.Domain.Telemetry;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Hud;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Telemetry;
using ActorBot.Engine.Tests.Hud;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Execution;
using Akka.Actor;

namespace ActorBot.Engine.Tests.Telemetry;

/// <summary>
/// <c>/user/telemetry</c> in a temp directory: the events the service publishes (through the real strategy recorder
/// where it publishes them) become schema-valid lines, the file rotates at its size limit, each run starts its own
/// file, and a write failure is counted without stopping the actor.
/// </summary>
public sealed class TelemetryActorTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-telemetry-").FullName;

    private string PathOf(string name) => Path.Combine(_dir, name);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private IActorRef Start(long maxSize = 1024 * 1024, string name = "telemetry.jsonl")
    {
        // A long flush interval: the tests flush by asking for the status, so nothing depends on timing.
        var telemetry = Sys.ActorOf(TelemetryActor.Props(new TelemetrySettings(PathOf(name), maxSize, TimeSpan.FromMinutes(10))), "telemetry");
        TelemetryActor.Subscribe(Sys, telemetry);
        return telemetry;
    }

    private TelemetryStatus Status(IActorRef telemetry)
    {
        telemetry.Tell(GetTelemetryStatus.Instance, TestActor);
        return ExpectMsg<TelemetryStatus>();
    }

    [Fact(DisplayName = "Every published decision, trade, order, fill and state change is one schema-valid line, in order")]
    public void Events_become_valid_lines()
    {
        var telemetry = Start();
        var recorder = Sys.ActorOf(Props.Create(() => new StrategyRecorder()), "strategy");
        recorder.Tell(HudSamples.Signal(EntryAction.Opened));
        recorder.Tell(HudSamples.PaperClose());
        recorder.Tell(HudSamples.RoutedClose());
        AwaitAssert(() => Status(telemetry).Written.Should().Be(3), TimeSpan.FromSeconds(3));

        const string venue = "binance-usdm";
        Sys.EventStream.Publish(new OrderJournaled(venue, "BTCUSDT", "BTCUSDT-7", "entry", new EntrySent("BTCUSDT-7", "BTCUSDT", 1, 1, 0.01m, 63875m, 64200m, "ab-e-1", 2)));
        Sys.EventStream.Publish(new OrderJournaled(venue, "BTCUSDT", "BTCUSDT-7", "entry", new OrderAnswered("ab-e-1", "acked", 991, null, 3)));
        Sys.EventStream.Publish(new OrderJournaled(venue, "BTCUSDT", "BTCUSDT-7", "entry", new FillRecorded("ab-e-1", 5001, 0.01m, 64001.5m, 0.256m, 4)));
        Sys.EventStream.Publish(new OrderJournaled(venue, "BTCUSDT", "BTCUSDT-7", "sl", new BracketSent("BTCUSDT-7", "sl", "ab-sl-1", 63875m, 0.01m, 5)));
        Sys.EventStream.Publish(new OrderJournaled(venue, "BTCUSDT", "BTCUSDT-7", "sl", new BracketAnswered("ab-sl-1", "IN_DOUBT", "timeout", 6)));
        Sys.EventStream.Publish(new OrderJournaled(venue, "BTCUSDT", "BTCUSDT-7", "flatten", new FlattenSent("BTCUSDT-7", "BTCUSDT", "ab-f-1", "SELL", 0.01m, "kill_switch", 7)));
        Sys.EventStream.Publish(new OrderJournaled(venue, "BTCUSDT", "BTCUSDT-7", null, new TradeClosed("BTCUSDT-7", "kill_switch", 64010m, 0.01m, 0.085m, 8)));
        Sys.EventStream.Publish(new SafePauseChanged(true, ["stale market data for BTCUSDT"]));
        Sys.EventStream.Publish(new VenueHealthChanged(venue, true, "market stream down"));
        Sys.EventStream.Publish(new KillSwitchChanged(true, "probe"));
        Sys.EventStream.Publish(new ReconcileDriftDetected(venue, "open_orders", "BTCUSDT", 2, 3, 0, "Critical"));
        Status(telemetry).Should().Be(new TelemetryStatus(PathOf("telemetry.jsonl"), 14, 0, 0, null));

        var lines = File.ReadAllLines(PathOf("telemetry.jsonl"));
        TelemetryValidator.Validate(lines).Should().Be(new TelemetryCheckResult(14, null));
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).Should().Equal(
            "decision", "trade_closed", "trade_closed", "order", "order", "fill", "order", "order", "order", "position_closed",
            "safe_pause", "venue_health", "kill_switch", "reconcile_drift");
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).Should().Equal(Enumerable.Range(1, 14).Select(i => (long)i));
        lines[0].Should().Contain("\"symbol\":\"BTCUSDT\",\"event_id\":\"BTCUSDT-7\"").And.Contain("\"p_active\":0.6123").And.Contain("\"action\":\"opened\"");
        lines[7].Should().Contain("\"kind\":\"sl\",\"status\":\"in-doubt\",\"client_order_id\":\"ab-sl-1\"");
        lines[5].Should().Contain("\"trade_id\":5001,\"quantity\":0.01,\"price\":64001.5,\"fee\":0.256");
    }

    [Fact(DisplayName = "The file starts anew at max-file-size: full files move to telemetry.1.jsonl, telemetry.2.jsonl, … and every line is kept once")]
    public void Rotates_at_max_size()
    {
        var telemetry = Start(maxSize: 1024);
        for (var i = 0; i < 30; i++)
        {
            Sys.EventStream.Publish(new KillSwitchChanged(i % 2 == 0, "file"));
            if (i % 5 == 4)
            {
                Status(telemetry);
            }
        }

        var status = Status(telemetry);
        status.Written.Should().Be(30);
        status.Rotations.Should().BeGreaterThan(1);
        var files = Enumerable.Range(1, status.Rotations).Select(n => PathOf($"telemetry.{n}.jsonl")).Append(PathOf("telemetry.jsonl")).ToList();
        files.Should().AllSatisfy(f => new FileInfo(f).Length.Should().BeInRange(1, 1024));
        var all = files.SelectMany(File.ReadAllLines).ToList();
        all.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).Should().Equal(Enumerable.Range(1, 30).Select(i => (long)i));
        files.Should().AllSatisfy(f => TelemetryValidator.Validate(File.ReadLines(f)).Ok.Should().BeTrue());
    }

    [Fact(DisplayName = "A previous run's file is moved aside, not appended to: each run's file starts at seq 1")]
    public void Previous_file_moved_aside()
    {
        File.WriteAllText(PathOf("telemetry.jsonl"), "{\"old\":true}\n");
        var telemetry = Start();
        Sys.EventStream.Publish(new SafePauseChanged(false, []));
        Status(telemetry).Written.Should().Be(1);
        File.ReadAllText(PathOf("telemetry.1.jsonl")).Should().Be("{\"old\":true}\n");
        File.ReadAllLines(PathOf("telemetry.jsonl")).Should().ContainSingle().Which.Should().Contain("\"seq\":1,\"type\":\"safe_pause\"");
    }

    [Fact(DisplayName = "A write that fails is counted and logged; the actor keeps running and writes again once it can")]
    public void Write_failure_is_counted_not_fatal()
    {
        // The parent "directory" is a file, so the telemetry file cannot be created.
        File.WriteAllText(PathOf("blocked"), "not a directory");
        var telemetry = Start(name: Path.Combine("blocked", "telemetry.jsonl"));
        Sys.EventStream.Publish(new KillSwitchChanged(true, "environment"));
        Sys.EventStream.Publish(new KillSwitchChanged(false, "environment"));
        var status = Status(telemetry);
        status.Written.Should().Be(0);
        status.Failed.Should().Be(2);
        status.LastError.Should().NotBeNullOrEmpty();

        File.Delete(PathOf("blocked"));
        Sys.EventStream.Publish(new KillSwitchChanged(true, "environment"));
        Status(telemetry).Should().Match<TelemetryStatus>(s => s.Written == 1 && s.Failed == 2);
        File.ReadAllLines(PathOf(Path.Combine("blocked", "telemetry.jsonl"))).Should().ContainSingle().Which.Should().Contain("\"seq\":3");
    }
}
