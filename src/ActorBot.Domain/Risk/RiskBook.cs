using ActorBot.Domain.Execution;

namespace ActorBot.Domain.Risk;

/// <summary>
/// The portfolio risk rules of <c>/risk</c> as decide / evolve (STYLE 9): <see cref="Decide"/> turns an
/// entry intent into events or a refusal with a named reason; <see cref="Apply"/> folds one event into a
/// new book. Immutable and clock-free: time arrives as unix ms with each call.
/// Checks run in a fixed order and the first failure is the reason, so drop counts are deterministic:
/// kill switch, SAFE_PAUSE, warm-up, daily cap, loss-streak cooldown, open-trade caps, notional cap,
/// near-liquidation.
/// </summary>
public sealed class RiskBook
{
    public RiskBook(RiskSettings settings, RiskState? state = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings.Validate();
        State = state ?? RiskState.Empty;
    }

    public RiskSettings Settings { get; }

    public RiskState State { get; }

    public RiskDecision Decide(EntryIntent intent, EntryConditions conditions, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(conditions);
        var today = UtcDay.Of(nowMs);
        var state = State.OnDay(today);

        if (state.KillSwitchEngaged)
        {
            return new Rejected(DropReason.KillSwitch, $"kill switch engaged ({state.KillSwitchReason})");
        }

        if (conditions.SafePaused)
        {
            return new Rejected(DropReason.SafePause, $"{intent.Symbol} is in SAFE_PAUSE");
        }

        if (!conditions.SymbolWarm)
        {
            return new Rejected(DropReason.Warmup, $"{intent.Symbol}: bars, features or models not warm yet");
        }

        if (state.RealisedPnlTodayUsd <= -Settings.DailyLossCapUsd)
        {
            return new Rejected(DropReason.DailyCap, $"realised PnL today {state.RealisedPnlTodayUsd} USD reached the cap -{Settings.DailyLossCapUsd} USD");
        }

        if (state.CooldownUntilMs is { } until && nowMs < until)
        {
            return new Rejected(DropReason.LossStreak, $"{Settings.LossStreakMax} losses in a row: cooling down until {until} ms");
        }

        if (state.OpenCount(intent.Symbol) >= Settings.MaxOpenTradesPerSymbol)
        {
            return new Rejected(DropReason.MaxOpenTradesSymbol, $"{intent.Symbol} already has {state.OpenCount(intent.Symbol)} open trades");
        }

        if (state.Open.Count >= Settings.MaxOpenTradesGlobal)
        {
            return new Rejected(DropReason.MaxOpenTradesGlobal, $"{state.Open.Count} open trades across all symbols");
        }

        var notionalAfter = state.OpenNotional(intent.Symbol) + intent.NotionalUsd;
        if (notionalAfter > Settings.MaxNotionalPerSymbolUsd)
        {
            return new Rejected(DropReason.MaxNotionalSymbol, $"{intent.Symbol} notional would be {notionalAfter} USD > {Settings.MaxNotionalPerSymbolUsd} USD");
        }

        if (NearLiquidation(intent) is { } nearLiquidation)
        {
            return nearLiquidation;
        }

        var events = new List<RiskEvent>(2);
        if (today > State.UtcDay)
        {
            events.Add(new DayRolled(today));
        }

        events.Add(new TradeOpened(intent.TradeId, intent.Symbol, intent.Direction, intent.NotionalUsd, nowMs));
        return new Approved(events);
    }

    public RiskBook Apply(RiskEvent riskEvent) => new(Settings, Evolve(State, riskEvent, Settings));

    /// <summary>Folds events in order; what recovery runs over the journal.</summary>
    public RiskBook ApplyAll(IEnumerable<RiskEvent> events) =>
        new(Settings, events.Aggregate(State, (s, e) => Evolve(s, e, Settings)));

    /// <summary>
    /// The guard: the liquidation price must lie beyond the stop by a margin. Long: reject when
    /// (entry − liq)/entry &lt; sl_buffer_multiplier × (entry − stop)/entry; short mirrored. A stop on the
    /// wrong side gives a non-positive stop fraction, which the sizer already refuses, so it passes here.
    /// </summary>
    private Rejected? NearLiquidation(EntryIntent intent)
    {
        var liq = intent.LiquidationPrice
            ?? LiquidationPriceEstimator.Isolated(intent.EntryPrice, intent.Leverage, intent.Direction, intent.MaintenanceMarginRate);
        var sign = intent.Direction.Sign();
        var liqDistance = sign * (intent.EntryPrice - liq) / intent.EntryPrice;
        var stopDistance = sign * (intent.EntryPrice - intent.StopPrice) / intent.EntryPrice;
        if (liqDistance >= Settings.SlBufferMultiplier * stopDistance)
        {
            return null;
        }

        var reason = intent.Direction == TradeDirection.Long ? DropReason.NearLiquidationLong : DropReason.NearLiquidationShort;
        return new Rejected(reason, $"{intent.Symbol}: liquidation {liq} is {liqDistance:P3} from entry, needs {Settings.SlBufferMultiplier} x stop distance {stopDistance:P3}");
    }

    private static RiskState Evolve(RiskState state, RiskEvent riskEvent, RiskSettings settings)
    {
        switch (riskEvent)
        {
            case DayRolled rolled:
                return state.OnDay(rolled.UtcDay);
            case TradeOpened opened:
                // Idempotent: a re-delivered opening must not take a second slot.
                return state.Open.Any(o => o.TradeId == opened.TradeId)
                    ? state
                    : state with { Open = state.Open.Add(new OpenExposure(opened.TradeId, opened.Symbol, opened.NotionalUsd)) };
            case TradeAbandoned abandoned:
                return state with { Open = state.Open.RemoveAll(o => o.TradeId == abandoned.TradeId) };
            case TradeClosed closed:
                return Close(state, closed, settings);
            case KillSwitchChanged kill:
                return state with { KillSwitchEngaged = kill.Engaged, KillSwitchReason = kill.Engaged ? kill.Reason : null };
            default:
                throw new ArgumentException($"unknown risk event {riskEvent.GetType().Name}", nameof(riskEvent));
        }
    }

    private static RiskState Close(RiskState state, TradeClosed closed, RiskSettings settings)
    {
        if (!state.Open.Any(o => o.TradeId == closed.TradeId))
        {
            // A close for a trade we do not hold open is a duplicate: counting it twice would double the loss.
            return state;
        }

        var day = UtcDay.Of(closed.ClosedAtMs);
        var s = state.OnDay(day) with { Open = state.Open.RemoveAll(o => o.TradeId == closed.TradeId) };

        // A close stamped on an earlier day than the book (late journal replay) still belongs to that day's cap, not today's.
        var pnlToday = day >= state.UtcDay ? s.RealisedPnlTodayUsd + closed.PnlUsd : s.RealisedPnlTodayUsd;
        if (closed.PnlUsd >= 0)
        {
            return s with { RealisedPnlTodayUsd = pnlToday, LossStreak = 0 };
        }

        var streak = s.LossStreak + 1;
        return streak >= settings.LossStreakMax
            ? s with { RealisedPnlTodayUsd = pnlToday, LossStreak = 0, CooldownUntilMs = closed.ClosedAtMs + settings.SessionCooldownMs }
            : s with { RealisedPnlTodayUsd = pnlToday, LossStreak = streak };
    }
}
