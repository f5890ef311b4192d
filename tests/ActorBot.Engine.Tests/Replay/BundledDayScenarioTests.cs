using System.Text.Json;
using ActorBot.Data.MarketData;
using ActorBot.Domain.Barriers;
using ActorBot.Domain.ShockFlip;
using ActorBot.Engine.Replay;
using ActorBot.Engine.Symbols;
using ActorBot.Models.Registry;

namespace ActorBot.Engine.Tests.Replay;

/// <summary>
/// Scenario pin (STYLE.md §7). Data: data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip (one real COIN-M day,
/// sha256 8bfbaa4c…), config configs/snap_harvester_btc.yaml (z_band 1.2, jump_band 1.5, barriers
/// `strategy`, one position, routing.min_prob 0.5, active snap_hgb_2024_btc_agg, shadow
/// snap_hgb_causal_btcusd_perp_20260508, taker 5 bps + slippage 1 bps, notional 1000 USD). If a figure moves,
/// something upstream changed behaviour: find out what before re-pinning.
/// </summary>
public sealed class BundledDayScenarioTests
{
    [Fact(DisplayName = "Bundled day: 105,280 trades -> 1,437 bars, 21 events (20 take, 1 skip), 20 trades: 4 wins, 11 losses, 5 flat, -11.5 R gross")]
    public void PinnedFigures()
    {
        var result = ReplayFixture.ShippedResult;
        using var summary = JsonDocument.Parse(ReplayOutputs.Summary(result));
        var s = summary.RootElement;
        s.GetProperty("data")[0].GetProperty("sha256").GetString().Should().Be("8bfbaa4cd0dfd49cc9e6cdede78e0b2851f42f1dbb7d917bc0847ce1eac4afbe");
        s.GetProperty("trades_in").GetInt32().Should().Be(105_280);
        s.GetProperty("bars").GetInt32().Should().Be(1_437);
        s.GetProperty("events").GetInt32().Should().Be(21);
        var decisions = s.GetProperty("decisions");
        decisions.GetProperty("take").GetInt32().Should().Be(20);
        decisions.GetProperty("skip").GetInt32().Should().Be(1);
        decisions.GetProperty("shadow_take").GetInt32().Should().Be(6);
        var entries = s.GetProperty("entries");
        entries.GetProperty("opened").GetInt32().Should().Be(20);
        entries.GetProperty("skipped_below_min_prob").GetInt32().Should().Be(1);
        entries.GetProperty("skipped_position_open").GetInt32().Should().Be(0);
        entries.GetProperty("skipped_safe_pause").GetInt32().Should().Be(0);
        var trades = s.GetProperty("trades");
        trades.GetProperty("count").GetInt32().Should().Be(20);
        trades.GetProperty("wins").GetInt32().Should().Be(4);
        trades.GetProperty("losses").GetInt32().Should().Be(11);
        trades.GetProperty("flat").GetInt32().Should().Be(5);
        trades.GetProperty("pnl_r").GetDouble().Should().BeApproximately(-11.5, 1e-9);
        trades.GetProperty("pnl_r_net").GetDouble().Should().BeApproximately(-194.43257099722706, 1e-6);
        trades.GetProperty("pnl_usd_net").GetDouble().Should().BeApproximately(-24.101942512558125, 1e-9);
        var exits = trades.GetProperty("exits");
        exits.GetProperty("take_profit").GetInt32().Should().Be(4);
        exits.GetProperty("stop_loss").GetInt32().Should().Be(11);
        exits.GetProperty("breakeven").GetInt32().Should().Be(5);

        // The look-ahead made visible: the research label wins 12 of 21, every one decided inside the event bar;
        // the causal label (barriers from the next bar) wins 6 (docs/strategy.md).
        var labels = s.GetProperty("labels");
        labels.GetProperty("research").GetProperty("wins").GetInt32().Should().Be(12);
        labels.GetProperty("research").GetProperty("decided_in_first_bar").GetInt32().Should().Be(12);
        labels.GetProperty("causal").GetProperty("wins").GetInt32().Should().Be(6);
        labels.GetProperty("per_event").GetArrayLength().Should().Be(21);
    }

    [Fact(DisplayName = "The actor tree reproduces the offline causal pipeline: same 21 event vectors and the same research and causal labels")]
    public void ActorsEqualOfflinePipeline()
    {
        var config = ReplayFixture.ShippedConfig();
        var result = ReplayFixture.ShippedResult;
        var ticks = AggTradesReader.Read(config.DataFiles[0], ContractSpec.CoinMargined100Usd).Ticks;
        using var registry = ModelRegistry.Load(config.RegistryDirectory, SnapFeatureVector.Schema);
        var cuts = ModelCutPoints.For(registry.Active.Descriptor);
        var offline = SnapOfflinePipeline.Run(ticks, config.Symbol, 0.1, FeatureMode.Causal, config.Detector, BarrierGeometry.Strategy, cuts);

        result.Records.Bars.Should().Equal(offline.Bars);
        result.Signals.Should().HaveCount(offline.Events.Count);
        for (var k = 0; k < offline.Events.Count; k++)
        {
            result.Signals[k].Record.Signal.Features.Should().Equal(SnapFeatureVector.Build(offline.Events[k].Event), $"event {k}");
            result.Signals[k].ResearchLabel.Should().Be(offline.Events[k].ResearchLabel);
            result.Signals[k].CausalLabel.Should().Be(offline.Events[k].CausalLabel);
        }

        // The feature table written by replay is the export writer's, on the same rows.
        ReplayOutputs.FeatureTable(result).Should().Be(SnapEventTable.Write(offline.Events, FeatureMode.Causal));
    }

    [Fact(DisplayName = "Both models are scored on every event and the decision follows p_active >= min_prob; the shadow never trades")]
    public void RoutingRecordsBothModels()
    {
        var result = ReplayFixture.ShippedResult;
        foreach (var s in result.Signals.Select(x => x.Record))
        {
            s.Decision.PShadow.Should().NotBeNull();
            s.Decision.Take.Should().Be(s.Decision.PActive >= 0.5);
            if (!s.Decision.Take)
            {
                s.Action.Should().Be(EntryAction.SkippedBelowMinProb, "a shadow 'take' never opens a trade");
            }
        }

        result.Records.Trades.Select(t => t.Trade.EventId).Should().BeSubsetOf(result.Signals.Where(x => x.Record.Decision.Take).Select(x => x.Record.EventId));
    }

    [Fact(DisplayName = "events.csv and trades.csv have unique column names and one row per event / trade")]
    public void OutputShapes()
    {
        var result = ReplayFixture.ShippedResult;
        var events = ReplayOutputs.Events(result).TrimEnd('\n').Split('\n');
        var header = events[0].Split(',');
        header.Should().OnlyHaveUniqueItems();
        header.Should().Contain(["p_active", "p_shadow", "decision", "action", "y_research", "r_research", "y_causal", "r_causal"]);
        events.Should().HaveCount(22);
        events.Skip(1).Should().OnlyContain(l => l.Split(',').Length == header.Length);
        var trades = ReplayOutputs.Trades(result).TrimEnd('\n').Split('\n');
        trades[0].Split(',').Should().OnlyHaveUniqueItems();
        trades.Should().HaveCount(21);
    }

    [Fact(DisplayName = "min_prob 0.0 (the research parity default) routes every event")]
    public void ResearchDefaultRoutesEverything()
    {
        var result = ReplayFixture.Run(ReplayFixture.ShippedConfig() with { MinProb = Domain.Models.MetaRouter.ResearchDefaultMinProb });
        result.Signals.Should().OnlyContain(s => s.Record.Decision.Take);
        result.Signals.Should().NotContain(s => s.Record.Action == EntryAction.SkippedBelowMinProb);
    }

    [Fact(DisplayName = "The stale watchdog fires on the virtual clock: with a 1 s stale timeout, signals after quiet gaps are skipped for SAFE_PAUSE, deterministically")]
    public void StaleWatchdogOnVirtualTime()
    {
        var config = ReplayFixture.ShippedConfig() with { StaleTimeout = TimeSpan.FromSeconds(1), MinProb = 0.0 };
        var first = ReplayFixture.Run(config);
        var second = ReplayFixture.Run(config);
        var paused = first.Signals.Count(s => s.Record.Action == EntryAction.SkippedSafePause);
        paused.Should().BeGreaterThan(0);
        first.Signals.Count(s => s.Record.Action == EntryAction.Opened).Should().BeLessThan(21);
        ReplayOutputs.Events(second).Should().Be(ReplayOutputs.Events(first));
        ReplayOutputs.Trades(second).Should().Be(ReplayOutputs.Trades(first));
    }
}
