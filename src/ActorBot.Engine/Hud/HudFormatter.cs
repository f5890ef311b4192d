using System.Globalization;
using ActorBot.Domain.Barriers;
using ActorBot.Domain.Hud;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Venues;

namespace ActorBot.Engine.Hud;

/// <summary>
/// The HUD's texts, one pure function per event (no clock, no IO): the first line says what happened and is what a
/// coalesced "N more events" message keeps; the lines after it are the details. Numbers use the invariant culture.
/// </summary>
public static class HudFormatter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Startup(HudStartup s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return $"ActorBot started\nmode: {s.Mode.ToConfigString()}\nvenues: {string.Join(", ", s.Venues)}\nsymbols: {string.Join(", ", s.Symbols)}";
    }

    /// <summary>A SAFE_PAUSE transition, or null when nothing a trader cares about changed.</summary>
    public static string? SafePause(bool wasPaused, IReadOnlyList<string> before, bool paused, IReadOnlyList<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(reasons);
        if (!wasPaused && paused)
        {
            return $"SAFE_PAUSE entered: no new entries\nreasons: {string.Join("; ", reasons)}";
        }

        if (wasPaused && !paused)
        {
            return $"SAFE_PAUSE exited: trading resumed\ncleared: {string.Join("; ", before)}";
        }

        if (paused && !before.SequenceEqual(reasons))
        {
            return $"SAFE_PAUSE continues\nreasons: {string.Join("; ", reasons)}";
        }

        return null;
    }

    public static string Venue(VenueHealthChanged v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return v.Disabled
            ? $"Venue {v.Venue} DISABLED: entries paused\n{v.Detail}"
            : $"Venue {v.Venue} enabled again";
    }

    /// <summary>
    /// An entry: the reference price is the signal bar's close; SL/TP are the barrier geometry's (R = k·ATR), as the
    /// trader prices its intent. Without a geometry only the entry is shown.
    /// </summary>
    public static string TradeOpened(SignalRecord m, BarrierGeometry? geometry)
    {
        ArgumentNullException.ThrowIfNull(m);
        var e = m.Signal.Event;
        var entry = e.Features.Bar.Close;
        var text = $"Trade opened {m.Symbol} {Side(e.Side)}\nentry {Price(entry)}";
        if (geometry is not null && double.IsFinite(e.Features.Atr))
        {
            var r = geometry.RiskKAtr * e.Features.Atr;
            var sl = entry - (e.Side * geometry.StopR * r);
            var tp = entry + (e.Side * geometry.TakeProfitR * r);
            text += $" SL {Price(sl)} TP {Price(tp)} (1R = {Price(r)})";
        }

        return text + $"\np_active {m.Decision.PActive.ToString("0.000", Inv)} · event {m.EventId}";
    }

    public static string TradeClosed(TradeRecord m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var t = m.Trade;
        return $"Trade closed {m.Symbol} {Side(t.Side)} {Signed(t.Outcome.RFinal)}R\n"
            + $"entry {Price(t.Entry)} exit {Price(t.Outcome.ExitPrice)} ({Reason(t.Outcome.Reason.ToString())}{(m.EndOfData ? ", end of data" : string.Empty)})\n"
            + $"PnL {Signed(m.Fill.NetPnl)} (paper) · event {t.EventId}";
    }

    public static string TradeClosed(RoutedTradeRecord m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return $"Trade closed {m.Symbol} {Side(m.Side)} {Signed(m.R)}R\n"
            + $"entry {Price(m.EntryFill)} exit {Price(m.ExitFill)} ({m.Reason}) qty {m.Quantity.ToString(Inv)}\n"
            + $"PnL {Signed((double)m.RealizedPnl)} USD · event {m.EventId}";
    }

    public static string Decision(SignalRecord m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var why = m.Reason is null ? string.Empty : $" ({m.Reason})";
        return $"Decision {m.Symbol} {Side(m.Signal.Event.Side)}: {StrategyRecorder.ActionName(m.Action)}{why}\n"
            + $"p_active {m.Decision.PActive.ToString("0.000", Inv)} take {(m.Decision.Take ? "yes" : "no")} · event {m.EventId}";
    }

    public static string KillSwitch(KillSwitchChanged k)
    {
        ArgumentNullException.ThrowIfNull(k);
        return k.Engaged
            ? $"KILL SWITCH ENGAGED: no new entries on any symbol, cancel-all sent\nby {k.Source}"
            : $"Kill switch released\nby {k.Source}";
    }

    public static string Drift(ReconcileDriftDetected d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var on = d.Symbol is null ? string.Empty : $" {d.Symbol}";
        return $"Reconcile drift ({d.Severity}) {d.Venue}{on}: {d.Kind}\n"
            + $"ours {Num(d.Internal)} · venue {Num(d.VenueValue)} · tolerance {Num(d.Tolerance)}";
    }

    /// <param name="hudDropped">HUD messages lost to a full queue so far (a slow or dead Bot API).</param>
    public static string DailySummary(DailyTally t, long hudDropped)
    {
        ArgumentNullException.ThrowIfNull(t);
        var drops = t.Drops.Count == 0 ? "none" : string.Join(", ", t.Drops.Select(d => $"{d.Key} {d.Value}"));
        var text = $"Daily summary {t.Day.ToString("yyyy-MM-dd", Inv)} (UTC)\n"
            + $"trades {t.Trades} (wins {t.Wins}) · {Signed(t.SumR)}R · PnL {Signed(t.Pnl)}\n"
            + $"entries not taken: {drops}";
        return hudDropped > 0 ? text + $"\nHUD messages dropped: {hudDropped}" : text;
    }

    private static string Side(int side) => side > 0 ? "LONG" : "SHORT";

    private static string Price(double p) => p.ToString("0.########", Inv);

    private static string Signed(double v) => v.ToString("+0.00;-0.00;0.00", Inv);

    private static string Num(decimal? v) => v?.ToString(Inv) ?? "n/a";

    private static string Reason(string exitReason) => exitReason switch
    {
        "TakeProfit" => "take-profit",
        "StopLoss" => "stop-loss",
        "Breakeven" => "breakeven",
        "Horizon" => "horizon",
        _ => exitReason,
    };
}
