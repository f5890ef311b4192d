using System.Globalization;
using ActorBot.Domain.Execution;
using ActorBot.Domain.Paper;

namespace ActorBot.Engine.Venues.Paper;

/// <summary>
/// A paper order's request or state change (<c>order</c> line, <c>route</c> = paper): entry <c>sent</c>, bracket legs
/// <c>sent</c> / <c>triggered</c> / <c>canceled</c>, a flatten <c>sent</c>. Published by the paper execution for
/// <c>/user/telemetry</c>, with the client ids testnet would have used.
/// </summary>
public sealed record PaperOrderRecorded(string Venue, string Symbol, string EventId, string Kind, string Status, string ClientOrderId, string? Side, decimal? Quantity, decimal? Price, string? Detail);

/// <summary>A paper fill (<c>fill</c> line, <c>route</c> = paper): <paramref name="TradeId"/> is the id of the venue's public print it filled at.</summary>
public sealed record PaperFillRecorded(string Venue, string Symbol, string EventId, string ClientOrderId, long TradeId, decimal Quantity, decimal Price, decimal Fee, string Leg);

/// <summary>A paper position closed (<c>position_closed</c> line, <c>route</c> = paper); PnL net of both modelled fees.</summary>
public sealed record PaperPositionClosed(string Venue, string Symbol, string EventId, string Reason, decimal ExitPrice, decimal Quantity, decimal RealizedPnl);

/// <summary>
/// The telemetry records of one journaled paper event (pure: no actor, no clock), mirroring what testnet's execution
/// journals for the same trade, so a paper run's <c>telemetry.jsonl</c> has the same <c>order</c>, <c>fill</c> and
/// <c>position_closed</c> lines: an opened trade is its entry sent, its entry fill and its SL and TP sent; a close at a
/// bracket is that leg triggered, its fill and the sibling canceled; any other close is a flatten sent and filled (and
/// the working brackets canceled); then the position closed.
/// </summary>
public static class PaperTelemetry
{
    /// <param name="before">the book before <paramref name="e"/> was applied (the closed trade is still in it).</param>
    /// <param name="printTradeId">the id of the print the fill of <paramref name="e"/> was priced at (0: unknown).</param>
    public static IReadOnlyList<object> For(IPaperExecutionEvent e, PaperBook before, string venue, string strategy, long printTradeId)
    {
        ArgumentNullException.ThrowIfNull(before);
        var lines = new List<object>();
        switch (e)
        {
            case PaperTradeOpened o:
                {
                    string Id(OrderLeg leg) => ClientOrderId.Create(strategy, o.Symbol, o.SignalTimeMs, leg);
                    var detail = o.StopTrigger is { } sl && o.TakeProfitTrigger is { } tp ? string.Create(CultureInfo.InvariantCulture, $"SL {sl:G29} TP {tp:G29}") : "brackets not placed";
                    lines.Add(new PaperOrderRecorded(venue, o.Symbol, o.EventId, "entry", "sent", Id(OrderLeg.Entry), o.Side > 0 ? "BUY" : "SELL", o.Quantity, null, detail));
                    lines.Add(new PaperFillRecorded(venue, o.Symbol, o.EventId, Id(OrderLeg.Entry), printTradeId, o.Quantity, o.EntryPrice, o.EntryFee, "entry"));
                    if (o.StopTrigger is { } stop && o.TakeProfitTrigger is { } take)
                    {
                        lines.Add(new PaperOrderRecorded(venue, o.Symbol, o.EventId, "sl", "sent", Id(OrderLeg.StopLoss), null, o.Quantity, stop, null));
                        lines.Add(new PaperOrderRecorded(venue, o.Symbol, o.EventId, "tp", "sent", Id(OrderLeg.TakeProfit), null, o.Quantity, take, null));
                    }

                    break;
                }

            case PaperBracketsCanceled b when before.Open.TryGetValue(b.EventId, out var open):
                Canceled(lines, venue, strategy, open.Trade, b.EventId);
                break;
            case PaperTradeClosed c when before.Open.TryGetValue(c.EventId, out var open):
                {
                    var t = open.Trade;
                    if (c.Reason is "tp" or "sl")
                    {
                        var (leg, sibling, siblingKind) = c.Reason == "tp" ? (OrderLeg.TakeProfit, OrderLeg.StopLoss, "sl") : (OrderLeg.StopLoss, OrderLeg.TakeProfit, "tp");
                        var id = ClientOrderId.Create(strategy, t.Symbol, t.SignalTimeMs, leg);
                        lines.Add(new PaperOrderRecorded(venue, t.Symbol, c.EventId, c.Reason, "triggered", id, null, null, null, null));
                        lines.Add(new PaperFillRecorded(venue, t.Symbol, c.EventId, id, printTradeId, t.Quantity, c.ExitPrice, c.ExitFee, c.Reason));
                        lines.Add(new PaperOrderRecorded(venue, t.Symbol, c.EventId, siblingKind, "canceled", ClientOrderId.Create(strategy, t.Symbol, t.SignalTimeMs, sibling), null, null, null, null));
                    }
                    else
                    {
                        var id = ClientOrderId.Create(strategy, t.Symbol, t.SignalTimeMs, OrderLeg.Flatten);
                        var side = t.Direction == TradeDirection.Long ? "SELL" : "BUY";
                        lines.Add(new PaperOrderRecorded(venue, t.Symbol, c.EventId, "flatten", "sent", id, side, t.Quantity, null, c.Reason));
                        lines.Add(new PaperFillRecorded(venue, t.Symbol, c.EventId, id, printTradeId, t.Quantity, c.ExitPrice, c.ExitFee, "flatten"));
                        if (t.HasBrackets)
                        {
                            Canceled(lines, venue, strategy, t, c.EventId);
                        }
                    }

                    lines.Add(new PaperPositionClosed(venue, t.Symbol, c.EventId, c.Reason, c.ExitPrice, t.Quantity, c.NetPnl));
                    break;
                }
        }

        return lines;
    }

    private static void Canceled(List<object> lines, string venue, string strategy, PaperTrade t, string eventId)
    {
        lines.Add(new PaperOrderRecorded(venue, t.Symbol, eventId, "sl", "canceled", ClientOrderId.Create(strategy, t.Symbol, t.SignalTimeMs, OrderLeg.StopLoss), null, null, null, null));
        lines.Add(new PaperOrderRecorded(venue, t.Symbol, eventId, "tp", "canceled", ClientOrderId.Create(strategy, t.Symbol, t.SignalTimeMs, OrderLeg.TakeProfit), null, null, null, null));
    }
}
