using ActorBot.Domain.Barriers;
using ActorBot.Domain.Hud;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Hud;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues;

namespace ActorBot.Engine.Tests.Hud;

/// <summary>The HUD's texts: pure functions of the events, figures pinned.</summary>
public sealed class HudFormatterTests
{
    [Fact(DisplayName = "Startup names the mode, venues and symbols")]
    public void Startup() =>
        HudFormatter.Startup(new HudStartup(TradeMode.Testnet, ["binance-usdm"], ["BTCUSDT", "ETHUSDT"], null))
            .Should().Be("ActorBot started\nmode: testnet\nvenues: binance-usdm\nsymbols: BTCUSDT, ETHUSDT");

    [Fact(DisplayName = "SAFE_PAUSE: entering and exiting say so with the reasons; a change of reasons while paused is reported; no change is silent")]
    public void SafePause()
    {
        HudFormatter.SafePause(false, [], true, ["stale market data for BTCUSDT"])
            .Should().Be("SAFE_PAUSE entered: no new entries\nreasons: stale market data for BTCUSDT");
        HudFormatter.SafePause(true, ["stale market data for BTCUSDT"], true, ["stale market data for BTCUSDT", "kill switch"])
            .Should().Be("SAFE_PAUSE continues\nreasons: stale market data for BTCUSDT; kill switch");
        HudFormatter.SafePause(true, ["kill switch"], false, [])
            .Should().Be("SAFE_PAUSE exited: trading resumed\ncleared: kill switch");
        HudFormatter.SafePause(true, ["kill switch"], true, ["kill switch"]).Should().BeNull();
        HudFormatter.SafePause(false, [], false, []).Should().BeNull();
    }

    [Fact(DisplayName = "Trade opened: side, entry, SL and TP from the barrier geometry (R = k·ATR), as the trader prices its intent")]
    public void TradeOpened()
    {
        // strategy preset: R = 0.5·ATR = 50; SL 2.5R = 125 below, TP 4R = 200 above for a long.
        HudFormatter.TradeOpened(HudSamples.Signal(EntryAction.Opened), BarrierGeometry.Strategy)
            .Should().Be("Trade opened BTCUSDT LONG\nentry 64000 SL 63875 TP 64200 (1R = 50)\np_active 0.612 · event BTCUSDT-7");
        HudFormatter.TradeOpened(HudSamples.Signal(EntryAction.Opened, side: -1), BarrierGeometry.Strategy)
            .Should().Contain("SHORT\nentry 64000 SL 64125 TP 63800");
        HudFormatter.TradeOpened(HudSamples.Signal(EntryAction.Opened), null).Should().Contain("entry 64000\n").And.NotContain("SL");
    }

    [Fact(DisplayName = "Trade closed: R, entry, exit, reason and PnL, for paper and venue-routed trades")]
    public void TradeClosed()
    {
        HudFormatter.TradeClosed(HudSamples.PaperClose())
            .Should().Be("Trade closed BTCUSDT LONG +1.50R\nentry 64000 exit 64200 (take-profit)\nPnL +12.34 (paper) · event BTCUSDT-7");
        HudFormatter.TradeClosed(HudSamples.RoutedClose())
            .Should().Be("Trade closed ETHUSDT SHORT +0.82R\nentry 3000.5 exit 2990.25 (take_profit) qty 0.5\nPnL +5.13 USD · event ETHUSDT-3");
    }

    [Fact(DisplayName = "Venue health, kill switch, reconcile drift and decisions each have one clear first line")]
    public void Other_events()
    {
        HudFormatter.Venue(new VenueHealthChanged("binance-usdm", true, "REST gateway banned (418)"))
            .Should().Be("Venue binance-usdm DISABLED: entries paused\nREST gateway banned (418)");
        HudFormatter.Venue(new VenueHealthChanged("binance-usdm", false, "healthy again")).Should().Be("Venue binance-usdm enabled again");
        HudFormatter.KillSwitch(new KillSwitchChanged(true, "file state/KILL_SWITCH")).Should().StartWith("KILL SWITCH ENGAGED").And.EndWith("by file state/KILL_SWITCH");
        HudFormatter.KillSwitch(new KillSwitchChanged(false, "probe")).Should().Be("Kill switch released\nby probe");
        HudFormatter.Drift(new ReconcileDriftDetected("binance-usdm", "position_qty", "BTCUSDT", 0.01m, 0m, 0.0001m, "Critical"))
            .Should().Be("Reconcile drift (Critical) binance-usdm BTCUSDT: position_qty\nours 0.01 · venue 0 · tolerance 0.0001");
        HudFormatter.Decision(HudSamples.Signal(EntryAction.SkippedRiskRejected, reason: "daily_loss_cap"))
            .Should().StartWith("Decision BTCUSDT LONG: skipped_risk_rejected (daily_loss_cap)\n");
    }

    [Fact(DisplayName = "Daily summary: trades, wins, R, PnL, entries not taken by reason, and HUD drops when there were any")]
    public void DailySummary()
    {
        var tally = new DailyTally(new DateOnly(2026, 12, 5));
        tally.AddTrade(1.5, 12.34);
        tally.AddTrade(-1, -5);
        tally.AddDrop("daily_loss_cap");
        HudFormatter.DailySummary(tally, hudDropped: 0)
            .Should().Be("Daily summary 2026-12-05 (UTC)\ntrades 2 (wins 1) · +0.50R · PnL +7.34\nentries not taken: daily_loss_cap 1");
        HudFormatter.DailySummary(new DailyTally(new DateOnly(2026, 12, 5)), hudDropped: 3)
            .Should().EndWith("entries not taken: none\nHUD messages dropped: 3");
    }
}
