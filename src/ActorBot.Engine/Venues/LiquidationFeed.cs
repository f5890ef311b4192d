using ActorBot.Data.MarketData;
using ActorBot.Domain.Liquidations;
using ActorBot.Engine.Liquidations;
using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Market;
using Akka.Actor;

namespace ActorBot.Engine.Venues;

/// <summary>
/// The market stream's slow frames (<c>forceOrder</c>, <c>markPrice@1s</c>), on the stream client's receive loop:
/// decodes them (failures counted by the decoder in <c>decode_errors_total</c>), normalises each liquidation through
/// <see cref="LiquidationNormalizer"/> (a COIN-M quantity in contracts is converted to base units first) and tells the
/// owning actor — by message only — a <see cref="LiquidationReceived"/>, a <see cref="LiquidationRefused"/> with its
/// reason, or a <see cref="MarkPriceSampled"/>. Nothing thrown here may reach the client's loop.
/// </summary>
public sealed class LiquidationFeed
{
    private readonly string _venue;
    private readonly MarketEventDecoder _decoder;
    private readonly IActorRef _owner;
    private readonly Func<string, ContractSpec> _contracts;

    public LiquidationFeed(string venue, DecodeErrorCounter errors, IActorRef owner, Func<string, ContractSpec> contracts)
    {
        _venue = venue;
        _decoder = new MarketEventDecoder(errors);
        _owner = owner;
        _contracts = contracts;
    }

    /// <summary>Whether a stream's frames are this feed's (the rest are the aggTrade pipeline's).</summary>
    public static bool Handles(string stream) =>
        stream.EndsWith("@forceOrder", StringComparison.Ordinal) || stream.Contains("@markPrice", StringComparison.Ordinal);

    public void OnFrame(ReadOnlySpan<byte> frame)
    {
        if (!_decoder.TryDecode(frame, out var decoded, out _))
        {
            return;
        }

        switch (decoded)
        {
            case ForceOrderEvent f:
                var rejection = LiquidationNormalizer.FromBinance(_venue, f.Symbol, f.Side, f.Price, BaseQuantity(f), f.TradeTimeMs, out var liquidation);
                _owner.Tell(rejection == LiquidationRejection.None ? new LiquidationReceived(liquidation!) : new LiquidationRefused(f.Symbol, rejection));
                break;
            case MarkPriceEvent m:
                _owner.Tell(new MarkPriceSampled(_venue, m.Symbol, (double)m.MarkPrice, m.EventTimeMs));
                break;
        }
    }

    // COIN-M: q is contracts of a fixed USD face; base = face × contracts / price (an invalid price is the normaliser's to refuse).
    private decimal BaseQuantity(ForceOrderEvent f) =>
        _contracts(f.Symbol).InverseContractUsd is { } face && f.Price > 0 ? (decimal)face * f.OriginalQuantity / f.Price : f.OriginalQuantity;
}

/// <summary>A venue's liquidation the normaliser refused (counted by reason on <c>actorbot_liquidations_rejected_total</c>).</summary>
public sealed record LiquidationRefused(string Symbol, LiquidationRejection Reason);
