using System.Globalization;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Execution;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorBot.Host.Service;

/// <summary>
/// The <c>run --dashboard</c> screen, built from a <see cref="ServiceSnapshot"/> and nothing else (no IO, no clock):
/// state and pause reasons, symbols, venue health and feed, the strategy's counts and PnL, risk, open positions.
/// </summary>
public static class DashboardView
{
    public static IRenderable Render(ServiceSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var state = s.Bot is null ? "[grey]no answer[/]"
            : s.Bot.Paused ? $"[red]SAFE_PAUSE[/] {Markup.Escape(string.Join("; ", s.Bot.PauseReasons))}"
            : "[green]RUNNING[/]";
        var header = new Table().Border(TableBorder.Rounded).Title($"ActorBot  {s.At:yyyy-MM-dd HH:mm:ss} UTC")
            .AddColumn("mode").AddColumn("state").AddColumn("symbols").AddColumn("venue").AddColumn("feed");
        header.AddRow(
            Markup.Escape(s.Bot?.Mode.ToString().ToLowerInvariant() ?? "?"),
            state,
            Markup.Escape(s.Bot is null ? "?" : string.Join(", ", s.Bot.Symbols)),
            s.Venue is null ? "[grey]-[/]" : $"{Markup.Escape(s.Venue.Venue)} {Health(s.Venue)}",
            s.Market is null ? "[grey]-[/]" : Num($"{(s.Market.Up ? "up" : "down")}, {s.Market.TradesForwarded:N0} trades, {s.Market.Backfills} backfills"));
        // Every further venue on its own row: its health and feed.
        foreach (var v in s.OtherVenues)
        {
            header.AddRow(string.Empty, string.Empty, string.Empty,
                v.Health is null ? $"{Markup.Escape(v.Name)} [grey]-[/]" : $"{Markup.Escape(v.Name)} {Health(v.Health)}",
                v.Market is null ? "[grey]-[/]" : Num($"{(v.Market.Up ? "up" : "down")}, {v.Market.TradesForwarded:N0} trades, {v.Market.Backfills} backfills"));
        }

        var strategy = new Table().Border(TableBorder.Rounded).Title("strategy and risk")
            .AddColumn("bars").AddColumn("decisions").AddColumn("trades").AddColumn("R").AddColumn("PnL USD")
            .AddColumn("risk drops").AddColumn("loss streak").AddColumn("kill switch");
        strategy.AddRow(
            Num($"{s.Strategy?.Bars ?? 0:N0}"),
            Num($"{s.Strategy?.Signals ?? 0:N0}"),
            Num($"{s.Strategy?.Trades ?? 0:N0}"),
            Num($"{s.Strategy?.GrossR ?? 0:+0.00;-0.00;0}"),
            Pnl(s),
            Num($"{s.Risk?.DropsByReason.Values.Sum() ?? 0}"),
            Num($"{s.Risk?.LossStreak ?? 0}"),
            s.Risk?.KillSwitchEngaged == true ? "[red]ENGAGED[/]" : "off");

        var positions = new Table().Border(TableBorder.Rounded).Title("open positions (exchange-hosted brackets)")
            .AddColumn("trade").AddColumn("symbol").AddColumn("side").AddColumn("qty").AddColumn("entry").AddColumn("SL").AddColumn("TP");
        foreach (var p in s.AllVenues.SelectMany(v => v.Execution?.OpenPositions ?? []))
        {
            positions.AddRow(Markup.Escape(p.EventId), Markup.Escape(p.Symbol), Markup.Escape(p.Direction.ToString()), Num($"{p.Quantity}"), Num($"{p.EntryPrice}"),
                p.StopLossId is null ? "[red]none[/]" : "working", p.TakeProfitId is null ? "[red]none[/]" : "working");
        }

        if (positions.Rows.Count == 0)
        {
            positions.AddRow("[grey]none[/]", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
        }

        return new Rows(header, strategy, positions);
    }

    private static string Health(VenueHealth v) => v.Status.ToString() switch
    {
        "Healthy" => "[green]Healthy[/]",
        var other => $"[red]{Markup.Escape(other)}[/]",
    };

    /// <summary>The run summary's figure and whose it is (venue, paper, in_process).</summary>
    private static string Pnl(ServiceSnapshot s)
    {
        var (usd, source) = RunSummary.Pnl(s);
        return Num($"{usd:+0.00;-0.00;0} ({source})");
    }

    private static string Num(FormattableString text) => Markup.Escape(text.ToString(CultureInfo.InvariantCulture));
}
