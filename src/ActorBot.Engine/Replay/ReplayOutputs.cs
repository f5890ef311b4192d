using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorBot.Domain.Barriers;
using ActorBot.Domain.ShockFlip;
using ActorBot.Engine.Symbols;

namespace ActorBot.Engine.Replay;

/// <summary>
/// Writes a replay's outputs: <c>bars.csv</c>, <c>events.csv</c>, <c>trades.csv</c>, <c>summary.json</c>, and
/// optionally the feature/label table. Invariant culture, round-trip doubles, LF line endings, fixed column
/// order, no wall-clock time and no absolute paths: the same inputs give the same bytes on every run.
/// </summary>
public static class ReplayOutputs
{
    public const string BarsHeader = "timestamp,open,high,low,close,volume,taker_buy_qty,taker_sell_qty,trades";

    public static void WriteAll(ReplayResult result, string outDir, string? exportFeatures = null)
    {
        Directory.CreateDirectory(outDir);
        Write(Path.Combine(outDir, "bars.csv"), Bars(result));
        Write(Path.Combine(outDir, "events.csv"), Events(result));
        Write(Path.Combine(outDir, "trades.csv"), Trades(result));
        Write(Path.Combine(outDir, "summary.json"), Summary(result));
        if (exportFeatures is not null)
        {
            Write(exportFeatures, FeatureTable(result));
        }
    }

    public static string Bars(ReplayResult result)
    {
        var sb = new StringBuilder(result.Records.Bars.Count * 120);
        sb.Append(BarsHeader).Append('\n');
        foreach (var b in result.Records.Bars)
        {
            sb.Append(b.OpenTimeMs.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Num(b.Open)).Append(',').Append(Num(b.High)).Append(',').Append(Num(b.Low)).Append(',').Append(Num(b.Close)).Append(',')
                .Append(Num(b.Volume)).Append(',').Append(Num(b.BuyQty)).Append(',').Append(Num(b.SellQty)).Append(',')
                .Append(b.TradeCount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }

    public static string Events(ReplayResult result)
    {
        var sb = new StringBuilder();
        // The model's inputs already include `side` (schema order), so it is not repeated as a key column.
        sb.Append("timestamp,decision_time,event_id,symbol,")
            .Append(string.Join(',', SnapFeatureVector.Schema.Names))
            .Append(",p_active,p_shadow,active_model,shadow_model,min_prob,decision,shadow_decision,action,entry_reference")
            .Append(",y_research,r_research,exit_research,y_causal,r_causal,exit_causal\n");
        foreach (var s in result.Signals)
        {
            var r = s.Record;
            var e = r.Signal.Event;
            var d = r.Decision;
            sb.Append(e.TimestampMs.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(e.DecisionTimeMs.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(r.EventId).Append(',').Append(r.Symbol);
            foreach (var v in r.Signal.Features)
            {
                sb.Append(',').Append(Num(v));
            }

            sb.Append(',').Append(Num(d.PActive))
                .Append(',').Append(d.PShadow is { } ps ? Num(ps) : string.Empty)
                .Append(',').Append(d.ActiveModelId)
                .Append(',').Append(d.ShadowModelId ?? string.Empty)
                .Append(',').Append(Num(d.MinProb))
                .Append(',').Append(d.Take ? "take" : "skip")
                .Append(',').Append(d.ShadowWouldTake is { } st ? (st ? "take" : "skip") : string.Empty)
                .Append(',').Append(ActionName(r.Action))
                .Append(',').Append(Num(e.Features.Bar.Close))
                .Append(',').Append(s.ResearchLabel.WinLabel.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(Num(s.ResearchLabel.RFinal))
                .Append(',').Append(ReasonName(s.ResearchLabel.Reason))
                .Append(',').Append(s.CausalLabel.WinLabel.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(Num(s.CausalLabel.RFinal))
                .Append(',').Append(ReasonName(s.CausalLabel.Reason))
                .Append('\n');
        }

        return sb.ToString();
    }

    public static string Trades(ReplayResult result)
    {
        var sb = new StringBuilder();
        sb.Append("event_id,symbol,side,entry_time,entry_price,exit_bar_time,exit_price,barrier_exit_price,reason,r,r_net,mfe_r,mae_r,bars_held,quantity,pnl_gross,fees,pnl_net\n");
        foreach (var t in result.Records.Trades)
        {
            var c = t.Trade;
            var o = c.Outcome;
            sb.Append(c.EventId).Append(',').Append(t.Symbol).Append(',')
                .Append(c.Side.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(c.DecisionTimeMs.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Num(t.Fill.EntryFill)).Append(',')
                .Append(o.ExitTimeMs?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append(',')
                .Append(Num(t.Fill.ExitFill)).Append(',')
                .Append(Num(o.ExitPrice)).Append(',')
                .Append(t.EndOfData ? "end_of_data" : ReasonName(o.Reason)).Append(',')
                .Append(Num(o.RFinal)).Append(',').Append(Num(t.Fill.RNet)).Append(',')
                .Append(Num(o.MfeR)).Append(',').Append(Num(o.MaeR)).Append(',')
                .Append(o.BarsHeld.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Num(t.Fill.Quantity)).Append(',').Append(Num(t.Fill.GrossPnl)).Append(',')
                .Append(Num(t.Fill.Fees)).Append(',').Append(Num(t.Fill.NetPnl)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The feature/label table of <c>actorbot model export-features</c> (same writer), for the replay's causal events.</summary>
    public static string FeatureTable(ReplayResult result) =>
        SnapEventTable.Write(result.Signals.Select(s => new SnapEventRow(s.Record.Symbol, s.Record.Signal.Event, s.ResearchLabel, s.CausalLabel)), FeatureMode.Causal);

    public static string Summary(ReplayResult result)
    {
        var c = result.Config;
        var rec = result.Records;
        var counters = rec.Counters.Single();
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("format", "actorbot-replay-summary/1");
            w.WriteString("symbol", c.Symbol);
            w.WriteStartArray("data");
            foreach (var (name, sha) in result.Input.Files)
            {
                w.WriteStartObject();
                w.WriteString("file", name);
                w.WriteString("sha256", sha);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("contract", c.Contract);
            w.WriteString("feature_mode", "causal");
            w.WriteStartObject("detector");
            Raw(w, "z_band", c.Detector.ZBand);
            Raw(w, "jump_band", c.Detector.JumpBand);
            w.WriteNumber("z_window", c.Detector.ZWindow);
            w.WriteNumber("donchian_window", c.Detector.DonchianWindow);
            w.WriteNumber("atr_window", c.Detector.AtrWindow);
            w.WriteNumber("causal_stat_window", c.Detector.CausalStatWindow);
            w.WriteEndObject();
            w.WriteString("barrier_preset", c.Geometry.Name);
            w.WriteNumber("max_concurrent_trades", c.MaxConcurrentTrades);
            w.WriteStartObject("routing");
            Raw(w, "min_prob", c.MinProb);
            w.WriteString("active_model", result.ActiveModel);
            if (result.ShadowModel is { } sm)
            {
                w.WriteString("shadow_model", sm);
            }
            else
            {
                w.WriteNull("shadow_model");
            }

            w.WriteEndObject();
            w.WriteStartObject("fills");
            Raw(w, "taker_fee_bps", c.Fills.TakerFeeBps);
            Raw(w, "slippage_bps", c.Fills.SlippageBps);
            Raw(w, "notional_usd", c.Fills.NotionalUsd);
            w.WriteEndObject();

            w.WriteNumber("trades_in", result.Input.Ticks.Length);
            w.WriteStartObject("trades_rejected");
            w.WriteNumber("unreadable_rows", result.Input.UnreadableRows);
            w.WriteNumber("malformed", counters.MalformedTrades);
            w.WriteNumber("late", counters.LateTrades);
            w.WriteEndObject();
            w.WriteNumber("bars", rec.Bars.Count);
            w.WriteNumber("bars_rejected", counters.RejectedBars);
            w.WriteNumber("events", rec.Signals.Count);

            w.WriteStartObject("decisions");
            w.WriteNumber("take", rec.Signals.Count(s => s.Decision.Take));
            w.WriteNumber("skip", rec.Signals.Count(s => !s.Decision.Take));
            w.WriteNumber("shadow_take", rec.Signals.Count(s => s.Decision.ShadowWouldTake == true));
            w.WriteNumber("shadow_skip", rec.Signals.Count(s => s.Decision.ShadowWouldTake == false));
            w.WriteEndObject();

            w.WriteStartObject("entries");
            foreach (var action in Enum.GetValues<EntryAction>())
            {
                // Replay never routes entries through /risk: the routed-only actions would be zeros that change the pinned bytes.
                if (action is EntryAction.SkippedRiskRejected or EntryAction.SkippedEntryFailed)
                {
                    continue;
                }

                w.WriteNumber(ActionName(action), rec.Signals.Count(s => s.Action == action));
            }

            w.WriteEndObject();

            var trades = rec.Trades;
            w.WriteStartObject("trades");
            w.WriteNumber("count", trades.Count);
            w.WriteNumber("wins", trades.Count(t => t.Trade.Outcome.RFinal > 0));
            w.WriteNumber("losses", trades.Count(t => t.Trade.Outcome.RFinal < 0));
            w.WriteNumber("flat", trades.Count(t => t.Trade.Outcome.RFinal == 0));
            Raw(w, "pnl_r", trades.Sum(t => t.Trade.Outcome.RFinal));
            Raw(w, "pnl_r_net", trades.Sum(t => t.Fill.RNet));
            Raw(w, "pnl_usd_gross", trades.Sum(t => t.Fill.GrossPnl));
            Raw(w, "fees_usd", trades.Sum(t => t.Fill.Fees));
            Raw(w, "pnl_usd_net", trades.Sum(t => t.Fill.NetPnl));
            w.WriteStartObject("exits");
            foreach (var name in new[] { "take_profit", "stop_loss", "breakeven", "horizon", "end_of_data" })
            {
                w.WriteNumber(name, trades.Count(t => (t.EndOfData ? "end_of_data" : ReasonName(t.Trade.Outcome.Reason)) == name));
            }

            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("labels");
            WriteLabels(w, "research", result.Signals.Select(s => s.ResearchLabel).ToList());
            WriteLabels(w, "causal", result.Signals.Select(s => s.CausalLabel).ToList());
            w.WriteStartArray("per_event");
            foreach (var s in result.Signals)
            {
                w.WriteStartObject();
                w.WriteString("event_id", s.Record.EventId);
                w.WriteNumber("y_research", s.ResearchLabel.WinLabel);
                Raw(w, "r_research", s.ResearchLabel.RFinal);
                w.WriteNumber("y_causal", s.CausalLabel.WinLabel);
                Raw(w, "r_causal", s.CausalLabel.RFinal);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static string Num(double v) => SnapEventTable.Num(v);

    public static string ActionName(EntryAction a) => a switch
    {
        EntryAction.Opened => "opened",
        EntryAction.SkippedBelowMinProb => "skipped_below_min_prob",
        EntryAction.SkippedPositionOpen => "skipped_position_open",
        EntryAction.SkippedSafePause => "skipped_safe_pause",
        EntryAction.SkippedRiskRejected => "skipped_risk_rejected",
        EntryAction.SkippedEntryFailed => "skipped_entry_failed",
        _ => a.ToString(),
    };

    public static string ReasonName(ExitReason r) => r switch
    {
        ExitReason.TakeProfit => "take_profit",
        ExitReason.StopLoss => "stop_loss",
        ExitReason.Breakeven => "breakeven",
        ExitReason.Horizon => "horizon",
        ExitReason.NoBars => "no_bars",
        _ => r.ToString(),
    };

    private static void WriteLabels(Utf8JsonWriter w, string name, IReadOnlyList<TradeOutcome> labels)
    {
        w.WriteStartObject(name);
        w.WriteNumber("wins", labels.Count(l => l.WinLabel == 1));
        Raw(w, "sum_r", labels.Sum(l => l.RFinal));
        w.WriteNumber("decided_in_first_bar", labels.Count(l => l.BarsHeld == 1 && l.Reason is ExitReason.TakeProfit or ExitReason.StopLoss));
        w.WriteEndObject();
    }

    // Round-trip text of the double; NaN/inf (not JSON) become null.
    private static void Raw(Utf8JsonWriter w, string name, double v)
    {
        w.WritePropertyName(name);
        if (double.IsFinite(v))
        {
            w.WriteRawValue(Num(v + 0.0));
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static void Write(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temp, path, overwrite: true);
    }
}
