using System.Collections.Concurrent;
using ActorBot.Domain.Barriers;
using ActorBot.Domain.Hud;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Hud;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Configs;

namespace ActorBot.Engine.Tests.Hud;

/// <summary>
/// <c>/user/hud</c> on virtual time with a recording sender: which events become messages, from the real actors that
/// publish them (strategy recorder, venue health), and the daily summary at midnight UTC.
/// </summary>
public sealed class HudActorTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(3);
    private readonly RecordingSender _sender = new();

    public HudActorTests()
        : base(TestConfigs.TestSchedulerConfig)
    {
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private IActorRef StartHud(bool decisions = false)
    {
        var settings = new HudSettings(true, HudSettings.DefaultBaseUrl, new HudThrottleSettings(TimeSpan.FromMinutes(5), 100, 100), TimeSpan.FromSeconds(10), decisions);
        var startup = new HudStartup(TradeMode.Paper, ["binance-usdm"], ["BTCUSDT"], BarrierGeometry.Strategy);
        var hud = Sys.ActorOf(Props.Create(() => new HudActor(settings, startup, _sender)), "hud");
        Settle(hud);
        AwaitAssert(() => _sender.Texts.Should().ContainSingle().Which.Should().StartWith("ActorBot started\nmode: paper"), Wait);
        return hud;
    }

    private HudStatus Settle(IActorRef hud)
    {
        hud.Tell(GetHudStatus.Instance, TestActor);
        return ExpectMsg<HudStatus>();
    }

    [Fact(DisplayName = "Trades reach the HUD through the strategy recorder: opened with SL/TP, closed with R and PnL; decisions only when enabled")]
    public void Strategy_records_become_messages()
    {
        var hud = StartHud();
        var recorder = Sys.ActorOf(Props.Create(() => new StrategyRecorder()), "strategy");
        recorder.Tell(HudSamples.Signal(EntryAction.SkippedBelowMinProb));
        recorder.Tell(HudSamples.Signal(EntryAction.Opened));
        recorder.Tell(HudSamples.PaperClose());
        AwaitAssert(() => _sender.Texts.Should().HaveCount(3), Wait);
        _sender.Texts[1].Should().StartWith("Trade opened BTCUSDT LONG\nentry 64000 SL 63875 TP 64200");
        _sender.Texts[2].Should().StartWith("Trade closed BTCUSDT LONG +1.50R");
        Settle(hud).Sent.Should().Be(3);
    }

    [Fact(DisplayName = "With actorbot.hud.decisions on, a decision not taken is a message too")]
    public void Decisions_when_enabled()
    {
        StartHud(decisions: true);
        Sys.EventStream.Publish(HudSamples.Signal(EntryAction.SkippedSafePause));
        AwaitAssert(() => _sender.Texts.Should().HaveCount(2).And.Subject.Last().Should().StartWith("Decision BTCUSDT LONG: skipped_safe_pause"), Wait);
    }

    [Fact(DisplayName = "A venue the health actor disables, and enables again, is reported from the event it publishes")]
    public void Venue_health_is_reported()
    {
        StartHud();
        var bot = CreateTestProbe();
        var health = Sys.ActorOf(Props.Create(() => new VenueHealthActor("binance-usdm", TimeSpan.FromSeconds(2), bot.Ref, () => VenueStatus.Healthy)), "health");
        health.Tell(GetVenueHealth.Instance, TestActor);
        ExpectMsg<VenueHealth>();
        Scheduler.Advance(TimeSpan.FromSeconds(3));
        AwaitAssert(() => _sender.Texts.Should().Contain("Venue binance-usdm DISABLED: entries paused\nmarket stream down: market stream not connected yet"), Wait);
        health.Tell(new StreamStateChanged(true, "data flowing"));
        AwaitAssert(() => _sender.Texts.Should().Contain("Venue binance-usdm enabled again"), Wait);
    }

    [Fact(DisplayName = "Reconcile drift published on the event stream is reported")]
    public void Drift_is_reported()
    {
        StartHud();
        Sys.EventStream.Publish(new ReconcileDriftDetected("binance-usdm", "open_orders", "BTCUSDT", 2, 3, 0, "Critical"));
        AwaitAssert(() => _sender.Texts.Last().Should().Be("Reconcile drift (Critical) binance-usdm BTCUSDT: open_orders\nours 2 · venue 3 · tolerance 0"), Wait);
    }

    [Fact(DisplayName = "At midnight UTC (virtual time) the day's summary is sent — trades, R, PnL, entries not taken — and the next day's is scheduled")]
    public void Daily_summary_at_midnight()
    {
        var hud = StartHud();
        var today = DateOnly.FromDateTime(Scheduler.Now.UtcDateTime);
        Sys.EventStream.Publish(HudSamples.PaperClose(r: 1.5, pnl: 12.34));
        Sys.EventStream.Publish(HudSamples.Signal(EntryAction.SkippedRiskRejected, reason: "daily_loss_cap"));
        Settle(hud);
        var midnight = new DateTimeOffset(Scheduler.Now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        Scheduler.Advance(midnight - Scheduler.Now - TimeSpan.FromMilliseconds(1));
        Settle(hud);
        _sender.Texts.Should().NotContain(t => t.StartsWith("Daily summary", StringComparison.Ordinal));

        Scheduler.Advance(TimeSpan.FromMilliseconds(1));
        AwaitAssert(() => _sender.Texts.Should().Contain($"Daily summary {today:yyyy-MM-dd} (UTC)\ntrades 1 (wins 1) · +1.50R · PnL +12.34\nentries not taken: daily_loss_cap 1"), Wait);

        Scheduler.Advance(TimeSpan.FromDays(1));
        AwaitAssert(() => _sender.Texts.Should().Contain($"Daily summary {today.AddDays(1):yyyy-MM-dd} (UTC)\ntrades 0 (wins 0) · 0.00R · PnL 0.00\nentries not taken: none"), Wait);
    }

    private sealed class RecordingSender : IHudSender
    {
        private readonly ConcurrentQueue<string> _texts = new();

        public IReadOnlyList<string> Texts => _texts.ToArray();

        public Task<HudSendResult> SendAsync(string text, CancellationToken cancellationToken)
        {
            _texts.Enqueue(text);
            return Task.FromResult(HudSendResult.Sent);
        }
    }
}
