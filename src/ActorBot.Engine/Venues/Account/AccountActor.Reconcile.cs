using ActorBot.Domain.Reconciliation;
using ActorBot.Domain.Supervision;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Venues.Account;

/// <summary>
/// Reconciliation (Domain <see cref="Reconciler"/> + <see cref="DriftPersistence"/>): each REST read is compared with
/// execution's view; every drift is one line in <c>reconcile_drift.jsonl</c>, counted by kind and logged as an ALERT;
/// a drift found on <c>drift-persist-checks</c> consecutive checks raises SAFE_PAUSE <c>reconcile_drift</c> for the
/// venue, cleared by the first clean check. Also the per-symbol leverage / margin-type setup.
/// </summary>
public sealed partial class AccountActor
{
    private readonly DriftLog _driftLog;
    private readonly Dictionary<string, long> _driftByKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SymbolSetup> _setup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _stepSizes = new(StringComparer.Ordinal);
    private DriftPersistence _persistence;
    private bool _driftPaused;
    private bool _comparedOnce;
    private bool _filtersSent;
    private bool _reconciling;
    private bool _reconcileAgain;
    private long _reconciles;
    private long _reconcileFailures;
    private long _reconcilesSkipped;
    private long? _lastReconcileMs;

    /// <summary>Starts a read unless one is running; then one more runs after it (a gap during a read must not be lost).</summary>
    private void StartReconcile()
    {
        if (_reconciling)
        {
            _reconcileAgain = true;
            return;
        }

        _reconciling = true;
        LoadAsync(_rest, _execution, !_filtersSent, _accountUpdates).PipeTo(Self,
            failure: ex => new ReconcileLoaded(null, ex.GetType().Name, null, _accountUpdates));
    }

    private static async Task<ReconcileLoaded> LoadAsync(BinanceRestClient rest, IActorRef execution, bool withExchangeInfo, long updates)
    {
        // Asked together so the two views are as close in time as the venue allows; a fill in between is a one-check
        // drift that DriftPersistence does not act on.
        var ask = execution.Ask<ExecutionStatus>(GetExecutionStatus.Instance, TimeSpan.FromSeconds(5));
        var (read, error) = await AccountVenueCalls.ReadAsync(rest, withExchangeInfo).ConfigureAwait(false);
        ExecutionStatus? status = null;
        try
        {
            status = await ask.ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            // Execution busy or restarting its incarnation: this read is not compared.
        }

        return new ReconcileLoaded(read, error, status, updates);
    }

    private void OnReconcileLoaded(ReconcileLoaded m)
    {
        _reconciling = false;
        var now = NowMs;
        if (m.Read is not { } read)
        {
            _reconcileFailures++;
            _log.Warning("account {0}: cannot read the venue ({1}); next try in {2}", _settings.Venue, m.Error, _settings.ReconcileEvery);
            // The SPEC's informational record: the venue could not be read, nothing is concluded (never a pause).
            Record(Reconciler.Compare(AccountSnapshotUnavailable, AccountSnapshotUnavailable, _stepSizes, _settings.Tolerances, 0, _settings.Venue));
            AgainIfAsked();
            return;
        }

        var quote = read.Balances.FirstOrDefault(b => b.Asset == _settings.QuoteAsset);
        // The wallet as the user stream left it is "ours"; if the stream moved it during the read, the read may or may
        // not include that move, so the stream's newer value stands and the balance is not compared this time.
        var streamMoved = _accountUpdates != m.AccountUpdatesAtStart;
        var trackedWallet = _balances.TryGetValue(_settings.QuoteAsset, out var tracked) && !streamMoved ? tracked.Wallet : quote?.Balance ?? 0m;
        ApplyRead(read, streamMoved);
        _reconciles++;
        _lastReconcileMs = now;

        if (m.Execution is not { Phase: ExecutionPhase.Ready } execution)
        {
            // Restart-flatten is rebuilding execution's view (or it did not answer): nothing to compare against yet.
            _reconcilesSkipped++;
            AgainIfAsked();
            return;
        }

        var venue = ReconcileInputs.Venue(read, _settings.QuoteAsset, now);
        var ours = ReconcileInputs.Ours(execution, trackedWallet, venue.AvailableBalanceUsd, now);
        var drifts = Reconciler.Compare(ours, venue, _stepSizes, _settings.Tolerances, 0, _settings.Venue);
        Record(drifts);
        var verdict = _persistence.Observe(drifts);
        _persistence = verdict.Next;
        if (verdict.PauseVenue && !_driftPaused)
        {
            _driftPaused = true;
            _log.Error("ALERT account {0}: drift persisted over {1} checks ({2}): SAFE_PAUSE reconcile_drift, no new entries on the venue",
                _settings.Venue, _settings.DriftPersistChecks, string.Join(", ", verdict.PersistentKeys));
            _bot.Tell(new RaisePause(PauseReason.ReconcileDrift(_settings.Venue)));
        }
        else if ((_driftPaused || !_comparedOnce) && drifts.All(d => d.Severity == DriftSeverity.Info))
        {
            // Also after this incarnation's first clean check: a crashed predecessor may have raised it (a clear of a
            // reason that is not raised changes nothing at the bot).
            if (_driftPaused)
            {
                _log.Warning("account {0}: reconciliation clean again: clearing SAFE_PAUSE reconcile_drift", _settings.Venue);
            }

            _driftPaused = false;
            _bot.Tell(new ClearPause(PauseReason.ReconcileDrift(_settings.Venue)));
        }

        _comparedOnce = true;

        AgainIfAsked();
    }

    private static readonly TimeSpan SetupRetryCap = TimeSpan.FromSeconds(5);

    private static AccountSnapshot AccountSnapshotUnavailable { get; } =
        new(0, new Dictionary<string, decimal>(), new Dictionary<string, IReadOnlySet<string>>(), 0m, 0m);

    /// <summary>The read replaces the account's view, and reaches /risk: free balance, and exchangeInfo's filters once.</summary>
    private void ApplyRead(AccountRead read, bool streamMoved)
    {
        foreach (var b in read.Balances)
        {
            var wallet = streamMoved && _balances.TryGetValue(b.Asset, out var old) ? old.Wallet : b.Balance;
            _balances[b.Asset] = (wallet, b.AvailableBalance);
        }

        _positions.Clear();
        foreach (var p in read.Positions.Where(p => p.PositionAmount != 0))
        {
            _positions[p.Symbol] = new HeldPosition(p.Symbol, p.PositionAmount, p.EntryPrice);
        }

        _openOrders = read.OpenOrders;
        _openAlgos = read.OpenAlgoOrders;
        if (read.Balances.FirstOrDefault(b => b.Asset == _settings.QuoteAsset) is { } quote)
        {
            _risk?.Tell(new SetFreeBalance(quote.AvailableBalance, _settings.Venue), Self);
        }

        if (read.Filters is { } filters)
        {
            _filtersSent = true;
            foreach (var symbol in _settings.Symbols)
            {
                if (filters.TryGetValue(symbol, out var f))
                {
                    _stepSizes[symbol] = f.StepSize;
                    _risk?.Tell(new SetSymbolFilters(f), Self);
                }
                else
                {
                    _log.Warning("account {0}: exchangeInfo does not list {1}: sizing keeps actorbot.risk.filters for it", _settings.Venue, symbol);
                }
            }

            foreach (var (symbol, f) in filters.Where(f => !_stepSizes.ContainsKey(f.Key)))
            {
                _stepSizes[symbol] = f.StepSize;
            }
        }
    }

    private void Record(IReadOnlyList<DriftRecord> drifts)
    {
        if (drifts.Count == 0)
        {
            return;
        }

        foreach (var d in drifts)
        {
            _driftByKind[d.Kind] = _driftByKind.GetValueOrDefault(d.Kind) + 1;
            if (d.Severity != DriftSeverity.Info)
            {
                _log.Error("ALERT account {0}: reconcile drift {1}{2}: ours {3}, venue {4}, tolerance {5}", _settings.Venue, d.Kind,
                    d.Symbol is null ? string.Empty : $" on {d.Symbol}", d.Internal, d.Venue, d.Tolerance);
            }
        }

        if (_driftLog.Append(drifts) is { } error)
        {
            _driftByKind["write_failed"] = _driftByKind.GetValueOrDefault("write_failed") + 1;
            _log.Error("ALERT account {0}: cannot append to {1}: {2}", _settings.Venue, _driftLog.Path, error);
        }
    }

    private void AgainIfAsked()
    {
        if (_reconcileAgain)
        {
            _reconcileAgain = false;
            StartReconcile();
        }
    }

    private void StartSetup() =>
        AccountVenueCalls.SetupAsync(_rest, _settings.Symbols, _settings.Leverage, _settings.MarginTypeText).PipeTo(Self,
            success: r => new SetupFinished(r),
            failure: ex => new SetupFinished(_settings.Symbols.Select(s => new SymbolSetup(s, _settings.Leverage, _settings.MarginTypeText, ex.GetType().Name)).ToList()));

    /// <summary>
    /// A symbol whose leverage or margin type the venue refused takes no entries (SAFE_PAUSE for that symbol: sizing
    /// assumes them); the others trade. The setup is retried (every reconcile interval, at most 5 s apart) until it holds.
    /// </summary>
    private void OnSetupFinished(SetupFinished m)
    {
        foreach (var s in m.Results)
        {
            var first = !_setup.TryGetValue(s.Symbol, out var before);
            var wasFailing = !first && before!.Status != "ok";
            _setup[s.Symbol] = s;
            if (s.Status == "ok" && (wasFailing || first))
            {
                // First result of this incarnation: a crashed predecessor may have raised the pause (clearing a reason
                // that is not raised changes nothing at the bot).
                if (wasFailing)
                {
                    _log.Warning("account {0}: {1} now has leverage {2} and margin type {3}: entries allowed", _settings.Venue, s.Symbol, s.Leverage, s.MarginType);
                }

                _bot.Tell(new ClearPause(PauseReason.AccountSetup(s.Symbol)));
            }
            else if (s.Status != "ok" && !wasFailing)
            {
                _log.Error("ALERT account {0}: cannot set {1} on {2} ({3}): no entries on {2} until it is set", _settings.Venue,
                    $"leverage {s.Leverage} / margin type {s.MarginType}", s.Symbol, s.Status);
                _bot.Tell(new RaisePause(PauseReason.AccountSetup(s.Symbol)));
            }
        }

        if (m.Results.Any(s => s.Status != "ok"))
        {
            // A paused symbol costs entries: retry sooner than the reconcile pace (a venue hiccup at start heals fast).
            Timers.StartSingleTimer("setup", SetupRetry.Instance, TimeSpan.FromTicks(Math.Min(_settings.ReconcileEvery.Ticks, SetupRetryCap.Ticks)));
        }
        else
        {
            _log.Info("account {0}: leverage {1} and margin type {2} set on {3}", _settings.Venue, _settings.Leverage, _settings.MarginTypeText, string.Join(", ", m.Results.Select(r => r.Symbol)));
        }
    }
}
