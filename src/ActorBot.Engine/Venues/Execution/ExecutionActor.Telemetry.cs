namespace ActorBot.Engine.Venues.Execution;

/// <summary>The journal, told to <c>/user/telemetry</c>: each persisted event as an <see cref="OrderJournaled"/>.</summary>
public sealed partial class ExecutionActor
{
    /// <summary>Called after <paramref name="e"/> is persisted and applied, so the trade it belongs to is known.</summary>
    private void PublishJournaled(IExecutionEvent e)
    {
        var (clientId, eventId) = e switch
        {
            EntrySent s => (s.ClientOrderId, s.EventId),
            OrderAnswered a => (a.ClientOrderId, null),
            FillRecorded f => (f.ClientOrderId, null),
            BracketSent b => (b.ClientAlgoId, b.EventId),
            BracketAnswered b => (b.ClientAlgoId, null),
            FlattenSent f => (f.ClientOrderId, f.EventId),
            TradeClosed c => ((string?)null, c.EventId),
            _ => (null, null),
        };
        var trade = clientId is not null ? _state.TradeOf(clientId) : null;
        if (trade is null && eventId is not null)
        {
            trade = _state.Trades.GetValueOrDefault(eventId);
        }

        var leg = trade is null || clientId is null ? null
            : clientId == trade.Entry.ClientOrderId ? "entry"
            : clientId == trade.StopLoss?.ClientAlgoId ? "sl"
            : clientId == trade.TakeProfit?.ClientAlgoId ? "tp"
            : "flatten";
        if (e is FillRecorded)
        {
            _metrics.Fills.Add(1, new KeyValuePair<string, object?>("venue", _settings.Venue), new KeyValuePair<string, object?>("symbol", trade?.Symbol ?? "unknown"));
        }

        Context.System.EventStream.Publish(new OrderJournaled(_settings.Venue, trade?.Symbol ?? (e as FlattenSent)?.Symbol, trade?.EventId ?? eventId, leg, e));
    }
}
