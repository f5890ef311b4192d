using ActorBot.Domain.Supervision;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Telemetry;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Binance.Streams;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Venues;

/// <summary>
/// <c>/user/venues/{venue}/market</c>: a thin shell around <see cref="MarketStreamClient"/>. Subscribes
/// <c>{symbol}@aggTrade</c> for the configured symbols; the client's thread runs an <see cref="AggTradePipeline"/>
/// that decodes, backfills gaps and thins the data, and everything it learns comes back here as messages
/// (the client's events included), so this actor's state is only ever touched by this actor. Forwards
/// each frame's trades to the bot as a <see cref="TradeBatch"/>, raises <see cref="PauseReason.Backfilling"/> while a backfill
/// runs and tells <c>health</c> when the stream goes up or down. With <see cref="VenueSettings.LiquidationFeeds"/> it also
/// subscribes <c>{symbol}@forceOrder</c> and <c>{symbol}@markPrice@1s</c> (both on the <c>/market</c> base), sends the
/// normalised liquidations and mark prices to the bot for the symbol's /liquidations, and polls open interest per
/// symbol on the venue's one REST client (its weight limiter and ban state), converted to base units. With
/// <see cref="VenueSettings.Book"/> it subscribes <c>{symbol}@depth@{speed}</c> (the <c>/public</c> base) for each symbol
/// that runs a /book, sends each diff to the bot for it, and fetches a /book's own symbol's REST snapshot when asked.
/// </summary>
public sealed class MarketDataActor : ReceiveActor, IWithTimers
{
    private readonly VenueSettings _settings;
    private readonly BinanceRestClient _rest;
    private readonly DecodeErrorCounter _errors;
    private readonly IActorRef _bot;
    private readonly IActorRef _health;
    private readonly IActorRef? _trades;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, int> _backfilling = new(StringComparer.Ordinal);
    private CancellationTokenSource? _stop;
    private MarketStreamClient? _client;
    private AggTradePipeline? _pipeline;
    private bool _up;
    private string? _lastErrorReported;
    private long _backfills;
    private long _pipelineFailures;
    private readonly ActorBotMetrics _metrics = ActorBotMetrics.For(Context.System);
    private readonly Dictionary<string, double> _lastPrice = new(StringComparer.Ordinal);
    private readonly HashSet<string> _oiInFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _refusedByReason = new(StringComparer.Ordinal);
    private long _liquidations;
    private long _openInterestSamples;
    private long _openInterestFailures;
    private long _depthDiffs;
    private long _depthSnapshots;
    private long _depthSnapshotsRefused;

    /// <param name="trades">also gets every <see cref="TradeBatch"/> (the paper execution fills and triggers on the prints); null: none.</param>
    public MarketDataActor(VenueSettings settings, BinanceRestClient rest, DecodeErrorCounter errors, IActorRef bot, IActorRef health, IActorRef? trades = null)
    {
        _settings = settings;
        _rest = rest;
        _errors = errors;
        _bot = bot;
        _health = health;
        _trades = trades;

        Receive<MarketDataSeen>(m => _bot.Tell(m));
        // Trades in exchange order, gaps already backfilled: the symbol's staleness watchdog and its strategy tree.
        Receive<TradeBatch>(m =>
        {
            _bot.Tell(m);
            _trades?.Tell(m);
            if (m.Trades.Length > 0)
            {
                // The price an inverse (COIN-M) open interest in contracts is converted to base units with.
                _lastPrice[m.Symbol] = m.Trades.Span[^1].Price;
            }
        });
        Receive<LiquidationReceived>(m =>
        {
            _liquidations++;
            _metrics.LiquidationsReceived.Add(1, new KeyValuePair<string, object?>("venue", _settings.Venue), new KeyValuePair<string, object?>("symbol", m.Symbol));
            _bot.Tell(m);
        });
        Receive<LiquidationRefused>(m =>
        {
            var reason = ReasonLabel(m.Reason);
            _refusedByReason[reason] = _refusedByReason.GetValueOrDefault(reason) + 1;
            _metrics.LiquidationsRejected.Add(1, new KeyValuePair<string, object?>("venue", _settings.Venue), new KeyValuePair<string, object?>("reason", reason));
        });
        Receive<MarkPriceSampled>(m => _bot.Tell(m));
        Receive<DepthDiffReceived>(m =>
        {
            _depthDiffs++;
            _bot.Tell(m);
        });
        Receive<DepthSnapshotRequested>(OnDepthSnapshotRequested);
        Receive<PollOpenInterest>(_ => PollOpenInterest());
        Receive<OpenInterestPolled>(OnOpenInterest);
        Receive<StreamConnected>(m =>
        {
            _log.Info("{0} market stream connected (connect #{1})", _settings.Venue, m.Connects);
            // A new socket is not proof of data: the stream is up only once a frame arrives on it.
            SetUp(false, m.Connects == 1 ? "connected, waiting for data" : "reconnected, waiting for data");
        });
        Receive<StreamProven>(m => SetUp(true, $"data flowing on {m.Stream}"));
        Receive<StreamStalled>(m =>
        {
            _log.Warning("{0} market stream {1} silent past {2}; recycling the socket", _settings.Venue, m.Stream, _settings.StreamStallTimeout);
            SetUp(false, $"{m.Stream} silent past {_settings.StreamStallTimeout.TotalSeconds:0.###} s");
        });
        Receive<CheckStream>(_ =>
        {
            if (_up && _client is { IsConnected: false })
            {
                SetUp(false, $"socket closed: {_client.LastError ?? "no error recorded"}");
            }
            else if (!_up && _client?.LastError is { } error && error != _lastErrorReported)
            {
                // While down, keep health's explanation current (e.g. why connects fail) for its log line.
                _lastErrorReported = error;
                _health.Tell(new StreamStateChanged(false, error));
            }
        });
        Receive<BackfillStarted>(m =>
        {
            _backfills++;
            _log.Info("{0} {1}: {2} trades missed, backfilling over REST", _settings.Venue, m.Symbol, m.MissingTrades);
            _backfilling[m.Symbol] = _backfilling.GetValueOrDefault(m.Symbol) + 1;
            if (_backfilling[m.Symbol] == 1)
            {
                _bot.Tell(new RaisePause(PauseReason.Backfilling(m.Symbol)));
            }
        });
        Receive<BackfillFinished>(m =>
        {
            if (m.Unfilled > 0)
            {
                _log.Warning("{0} {1}: backfill left {2} trades missing", _settings.Venue, m.Symbol, m.Unfilled);
            }

            if (_backfilling.TryGetValue(m.Symbol, out var running) && --running <= 0)
            {
                _backfilling.Remove(m.Symbol);
                _bot.Tell(new ClearPause(PauseReason.Backfilling(m.Symbol)));
            }
            else if (running > 0)
            {
                _backfilling[m.Symbol] = running;
            }
        });
        Receive<PipelineFailed>(m =>
        {
            _pipelineFailures++;
            _log.Warning("{0} market frame handling failed (the stream goes on): {1}", _settings.Venue, m.Error);
        });
        Receive<GetMarketStreamStatus>(_ => Sender.Tell(Status()));
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new
        {
            stream = Status(),
            liquidationFeeds = _settings.LiquidationFeeds,
            liquidations = _liquidations,
            liquidationsRefused = _refusedByReason,
            openInterestSamples = _openInterestSamples,
            openInterestFailures = _openInterestFailures,
            depthStreams = _settings.BookSymbols.Count,
            depthDiffs = _depthDiffs,
            depthSnapshots = _depthSnapshots,
            depthSnapshotsRefused = _depthSnapshotsRefused,
        }));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        // Captured here: Self must not be read from the client's thread.
        var self = Self;
        _stop = new CancellationTokenSource();
        _pipeline = new AggTradePipeline(_rest, _errors, self, _settings.ContractOf, _stop.Token);
        var pipeline = _pipeline;
        var feed = new LiquidationFeed(_settings.Venue, _errors, self, _settings.ContractOf);
        var depth = new DepthFeed(_settings.Venue, _errors, self);
        var options = new MarketStreamOptions
        {
            BaseUri = _settings.WsBaseUri,
            ConnectTimeout = _settings.ConnectTimeout,
            StallTimeout = _settings.StreamStallTimeout,
            ReconnectBaseDelay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(500).Ticks, _settings.ReconnectMaxDelay.Ticks)),
            ReconnectMaxDelay = _settings.ReconnectMaxDelay,
            // A symbol can go minutes without a liquidation, and the mark shares the socket whose aggTrade is watched:
            // neither is a sign of a dead socket.
            // Depth is not watched either: a venue (or a simulator replay) without depth for a symbol must not take the
            // trade stream down with it; a silent book shows on /book's probe (no diffs applied) instead.
            UnwatchedStreamSuffixes = ["@forceOrder", "@markPrice@1s", .. _settings.Book is { } b ? new[] { "@depth@" + b.DepthStreamSpeed } : []],
        };
        var streams = _settings.Symbols.Select(s => s.ToLowerInvariant() + "@aggTrade").ToList();
        if (_settings.LiquidationFeeds)
        {
            streams.AddRange(_settings.Symbols.Select(s => s.ToLowerInvariant() + "@forceOrder"));
            streams.AddRange(_settings.Symbols.Select(s => s.ToLowerInvariant() + "@markPrice@1s"));
            Timers.StartPeriodicTimer("oi-poll", Venues.PollOpenInterest.Instance, TimeSpan.Zero, _settings.OpenInterestPollInterval);
        }

        if (_settings.Book is { } book)
        {
            streams.AddRange(_settings.BookSymbols.Select(book.StreamOf));
        }

        _client = new MarketStreamClient(
            options,
            streams,
            (stream, frame) =>
            {
                if (DepthFeed.Handles(stream))
                {
                    depth.OnFrame(frame.Span);
                    return ValueTask.CompletedTask;
                }

                if (!LiquidationFeed.Handles(stream))
                {
                    return pipeline.OnFrameAsync(stream, frame);
                }

                feed.OnFrame(frame.Span);
                return ValueTask.CompletedTask;
            },
            errors: _errors);
        _client.Connected += n => self.Tell(new StreamConnected(n));
        _client.StreamProven += s => self.Tell(new StreamProven(s));
        _client.StreamStale += s => self.Tell(new StreamStalled(s));
        _client.Start();
        var check = TimeSpan.FromTicks(Math.Clamp(_settings.StreamStallTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond));
        Timers.StartPeriodicTimer("check-stream", CheckStream.Instance, check);
        _log.Info("{0} market data: {1} streams from {2}", _settings.Venue, streams.Count, _settings.WsBaseUri);
    }

    protected override void PostStop()
    {
        foreach (var symbol in _backfilling.Keys)
        {
            _bot.Tell(new ClearPause(PauseReason.Backfilling(symbol)));
        }

        if (_up)
        {
            _health.Tell(new StreamStateChanged(false, "market actor stopped"));
        }

        var client = _client;
        var stop = _stop;
        _client = null;
        _stop = null;
        stop?.Cancel();
        if (client is not null)
        {
            // Disposal waits for the receive loop to end; it must not block this actor's thread, and
            // a loop that failed has already recorded why (LastError), so its exception is observed here.
            _ = Task.Run(async () =>
            {
                try
                {
                    await client.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Already stopping; nothing left to report to.
                }
                finally
                {
                    stop?.Dispose();
                }
            });
        }
    }

    private void PollOpenInterest()
    {
        var self = Self;
        var token = _stop?.Token ?? CancellationToken.None;
        foreach (var symbol in _settings.Symbols)
        {
            // One request per symbol at a time: a slow or rate-limited venue is not asked again until it answered.
            if (!_oiInFlight.Add(symbol))
            {
                continue;
            }

            _rest.GetOpenInterestAsync(symbol, token).PipeTo(
                self,
                success: r => new OpenInterestPolled(symbol, r.IsSuccess ? r.Value : null, r.IsSuccess ? null : r.ToString()),
                failure: e => new OpenInterestPolled(symbol, null, $"{e.GetType().Name}: {e.Message}"));
        }
    }

    // Only a symbol of this venue that runs a /book, and only for the asker: never another symbol's snapshot to a /book.
    private void OnDepthSnapshotRequested(DepthSnapshotRequested m)
    {
        var symbol = m.Symbol;
        if (!_settings.BookSymbols.Contains(symbol, StringComparer.Ordinal))
        {
            _depthSnapshotsRefused++;
            Sender.Tell(new DepthSnapshotFetched(symbol, null, $"{symbol} runs no book on {_settings.Venue}"));
            return;
        }

        _depthSnapshots++;
        var token = _stop?.Token ?? CancellationToken.None;
        _rest.GetDepthAsync(symbol, m.Limit, token).PipeTo(
            Sender,
            success: r => new DepthSnapshotFetched(symbol, r.IsSuccess ? r.Value : null, r.IsSuccess ? null : r.ToString()),
            failure: e => new DepthSnapshotFetched(symbol, null, $"{e.GetType().Name}: {e.Message}"));
    }

    private void OnOpenInterest(OpenInterestPolled m)
    {
        _oiInFlight.Remove(m.Symbol);
        if (m.Value is not { } oi)
        {
            _openInterestFailures++;
            _log.Debug("{0} {1}: open interest poll failed: {2}", _settings.Venue, m.Symbol, m.Error);
            return;
        }

        var contract = _settings.ContractOf(m.Symbol);
        var quantity = (double)oi.Quantity;
        if (contract.InverseContractUsd is not null)
        {
            // Contracts: converted with the latest trade price; none yet, no sample (the next poll will have one).
            if (!_lastPrice.TryGetValue(m.Symbol, out var price))
            {
                return;
            }

            quantity = contract.BaseQuantity(quantity, price);
        }

        _openInterestSamples++;
        _bot.Tell(new OpenInterestSampled(_settings.Venue, m.Symbol, quantity, oi.TimeMs));
    }

    private static string ReasonLabel(Domain.Liquidations.LiquidationRejection reason) => reason switch
    {
        Domain.Liquidations.LiquidationRejection.NonPositivePrice => "non_positive_price",
        Domain.Liquidations.LiquidationRejection.NonPositiveQuantity => "non_positive_quantity",
        Domain.Liquidations.LiquidationRejection.UnknownSide => "unknown_side",
        Domain.Liquidations.LiquidationRejection.MissingTime => "missing_time",
        Domain.Liquidations.LiquidationRejection.UnknownContractSize => "unknown_contract_size",
        _ => "unknown",
    };

    private void SetUp(bool up, string detail)
    {
        if (up == _up)
        {
            return;
        }

        _up = up;
        _health.Tell(new StreamStateChanged(up, detail));
    }

    private MarketStreamStatus Status() => new(
        _up,
        _client?.FramesReceived ?? 0,
        _pipeline?.TradesForwarded ?? 0,
        _errors.Total,
        _client?.Connects ?? 0,
        _client?.Reconnects ?? 0,
        _client?.ConnectFailures ?? 0,
        _client?.StallsDetected ?? 0,
        _backfills,
        _pipeline?.TradesBackfilled ?? 0,
        _pipeline?.TradesUnfilled ?? 0,
        _pipelineFailures,
        _client?.LastError);
}
