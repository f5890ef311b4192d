using ActorBot.Engine.Trading;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Venues.Execution;

/// <summary>
/// The strategy's own close (<see cref="ClosePosition"/>, the trader's horizon, passed on by /risk): the same path as
/// a flatten after a refused bracket — journal, reduce-only MARKET close, cancel both brackets, retry until flat —
/// answered with <see cref="PositionClosed"/> carrying the request's reason. A close the trader sends again (its
/// timeout) while one runs, or for a trade never known, changes nothing: it is counted and logged. A close for a trade
/// already closed is answered with that close (its reason), so the asker's slot is freed.
/// While restart-flatten runs the request waits in the stash; restart-flatten closes every trade it does not adopt,
/// so a close stashed then is usually ignored as already done.
/// </summary>
public sealed partial class ExecutionActor
{
    private void OnSyncTrade(SyncTrade m)
    {
        if (_state.Trades.TryGetValue(m.EventId, out var t) && t.Symbol == m.Symbol && t.IsClosed)
        {
            Count("sync closed");
            Sender.Tell(new PositionClosed(t.Symbol, m.EventId, t.Exit?.AveragePrice ?? 0m, t.Exit?.FilledQuantity ?? 0m, t.RealizedPnl, t.CloseReason ?? "closed"));
            return;
        }

        Count(t is null ? "sync unknown" : "sync open");
    }

    private void OnClosePosition(ClosePosition m)
    {
        if (!_state.Trades.TryGetValue(m.EventId, out var t) || t.Symbol != m.Symbol)
        {
            Count("close unknown");
            _log.Warning("execution {0}: close ({1}) of {2} {3}, which this journal does not know; ignored", _settings.Venue, m.Reason, m.Symbol, m.EventId);
            return;
        }

        if (t.IsClosed)
        {
            // Already closed (a bracket, restart-flatten, an earlier close): answer with how it closed, so an asker that
            // missed the first answer (a restarted trader) frees its slot instead of waiting forever.
            Count("close duplicate");
            _log.Info("execution {0}: close ({1}) of {2}, which is already closed ({3}); answered with that close", _settings.Venue, m.Reason, m.EventId, t.CloseReason ?? "closed");
            Sender.Tell(new PositionClosed(t.Symbol, m.EventId, t.Exit?.AveragePrice ?? 0m, t.Exit?.FilledQuantity ?? 0m, t.RealizedPnl, t.CloseReason ?? "closed"));
            return;
        }

        if (t.OpenQuantity <= 0)
        {
            Count("close duplicate");
            _log.Info("execution {0}: close ({1}) of {2}, which has nothing filled yet; ignored", _settings.Venue, m.Reason, m.EventId);
            return;
        }

        if (_closing.TryGetValue(m.EventId, out var running))
        {
            Count("close duplicate");
            _log.Info("execution {0}: close ({1}) of {2} while its close ({3}) runs; ignored", _settings.Venue, m.Reason, m.EventId, running);
            return;
        }

        if (!t.EntryDone)
        {
            // Still filling: a close now would race the entry's later fills. The sender asks again after its timeout.
            Count("close entry working");
            _log.Warning("execution {0}: close ({1}) of {2} while its entry is still working; ignored for now", _settings.Venue, m.Reason, m.EventId);
            return;
        }

        // The answer goes where the entry's went; an incarnation that lost that (restart) answers the one asking.
        _replyTo.TryAdd(m.EventId, Sender);
        Count($"close {m.Reason}");
        _log.Info("execution {0}: closing {1} {2} ({3}): {4} reduce-only, brackets canceled", _settings.Venue, m.EventId, t.Symbol, m.Reason, t.OpenQuantity);
        FlattenTrade(m.EventId, m.Reason, 0);
    }
}
