using System.Globalization;
using ActorBot.Data.MarketData;
using ActorBot.Domain.Bars;
using ActorBot.Engine.Symbols;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Binance.Streams;
using Akka.Actor;

namespace ActorBot.Engine.Venues;

/// <summary>
/// What the market stream client calls for every frame, on the client's receive loop (one frame at a time,
/// so the state here needs no lock and is never touched by the actor). Decodes aggTrade frames (errors are
/// counted by the decoder and skipped), keeps the trade sequence whole through <see cref="AggTradeGapFiller"/>
/// (a gap is backfilled over REST before the newer trade is released) and tells the owning actor — by message
/// only — each frame's trades as one <see cref="TradeBatch"/> per symbol, in exchange order, plus backfills.
/// Nothing thrown here may reach the client's loop: a failure is reported and the next frame is handled.
/// </summary>
public sealed class AggTradePipeline
{
    private readonly AggTradeDecoder _decoder;
    private readonly AggTradeGapFiller _gapFiller;
    private readonly IActorRef _owner;
    private readonly Func<string, ContractSpec> _contracts;
    private readonly Dictionary<string, long> _lastIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TradeTick>> _pending = new(StringComparer.Ordinal);
    private readonly CancellationToken _stop;
    private long _forwarded;

    /// <param name="contracts">per symbol, how the venue's quantity converts to base units (linear for USDⓈ-M).</param>
    public AggTradePipeline(BinanceRestClient rest, DecodeErrorCounter errors, IActorRef owner, Func<string, ContractSpec> contracts, CancellationToken stop)
    {
        _decoder = new AggTradeDecoder(errors);
        _owner = owner;
        _contracts = contracts;
        _stop = stop;
        _gapFiller = new AggTradeGapFiller(rest, errors, Deliver);
    }

    /// <summary>Trades handed to the owner (live and backfilled).</summary>
    public long TradesForwarded => Interlocked.Read(ref _forwarded);

    public long TradesBackfilled => _gapFiller.TradesBackfilled;

    public long TradesUnfilled => _gapFiller.TradesUnfilled;

    public async ValueTask OnFrameAsync(string stream, ReadOnlyMemory<byte> frame)
    {
        if (!stream.EndsWith("@aggTrade", StringComparison.Ordinal) || !_decoder.TryDecode(frame.Span, out var trade, out _))
        {
            return;
        }

        try
        {
            var hadLast = _lastIds.TryGetValue(trade.Symbol, out var last);
            var gap = hadLast && trade.AggregateTradeId > last + 1;
            if (gap)
            {
                _owner.Tell(new BackfillStarted(trade.Symbol, trade.AggregateTradeId - last - 1));
            }

            var filledBefore = _gapFiller.TradesBackfilled;
            var unfilledBefore = _gapFiller.TradesUnfilled;
            await _gapFiller.OnTradeAsync(trade, _stop).ConfigureAwait(false);
            // The backfilled trades and the live one leave together, oldest first, before the backfill is reported done.
            Flush();
            if (gap)
            {
                _owner.Tell(new BackfillFinished(trade.Symbol, _gapFiller.TradesBackfilled - filledBefore, _gapFiller.TradesUnfilled - unfilledBefore));
            }

            if (!hadLast || trade.AggregateTradeId > last)
            {
                _lastIds[trade.Symbol] = trade.AggregateTradeId;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            Flush();
            _owner.Tell(new PipelineFailed($"{ex.GetType().Name}: {ex.Message}"));
            // The gap filler could not finish: the pause raised for the backfill must not stick forever.
            _owner.Tell(new BackfillFinished(trade.Symbol, 0, 0));
        }
    }

    private ValueTask Deliver(AggTrade trade)
    {
        if (!_pending.TryGetValue(trade.Symbol, out var list))
        {
            list = [];
            _pending[trade.Symbol] = list;
        }

        list.Add(ToTick(trade, _contracts(trade.Symbol)));
        return ValueTask.CompletedTask;
    }

    /// <summary>The same conversion the aggTrades file reader applies, so live and replay bars are built from equal ticks.</summary>
    /// The decimal goes back through its invariant text (it keeps the wire's digits) because a decimal-to-double cast
    /// is not guaranteed to round like parsing the text, and one ulp in a price changes a bar.
    public static TradeTick ToTick(AggTrade trade, ContractSpec contract)
    {
        var price = ToDouble(trade.Price);
        return new TradeTick(trade.TradeTimeMs, price, contract.BaseQuantity(ToDouble(trade.Quantity), price), trade.IsBuyerMaker, trade.AggregateTradeId);
    }

    private static double ToDouble(decimal value)
    {
        // Formatted into a stack buffer: this runs once per trade on the stream's loop, so no string per value.
        Span<char> text = stackalloc char[64];
        return value.TryFormat(text, out var written, provider: CultureInfo.InvariantCulture)
            ? double.Parse(text[..written], NumberStyles.Float, CultureInfo.InvariantCulture)
            : double.Parse(value.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private void Flush()
    {
        foreach (var (symbol, list) in _pending)
        {
            if (list.Count == 0)
            {
                continue;
            }

            // The batch owns its array: the list is reused for the next frame.
            Interlocked.Add(ref _forwarded, list.Count);
            _owner.Tell(new TradeBatch(symbol, list.ToArray()));
            list.Clear();
        }
    }
}
