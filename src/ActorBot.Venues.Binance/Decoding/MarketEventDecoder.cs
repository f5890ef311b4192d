using ActorBot.Venues.Binance.Market;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>
/// Decoder for the slow market streams (bookTicker, markPriceUpdate, forceOrder, kline), raw or combined
/// frames; dispatches on <c>e</c>. The hot streams have their own allocation-free decoders.
/// </summary>
public sealed class MarketEventDecoder
{
    private readonly DecodeErrorCounter _errors;

    public MarketEventDecoder(DecodeErrorCounter errors)
    {
        _errors = errors;
    }

    public bool TryDecode(ReadOnlySpan<byte> frame, out MarketEvent? value, out DecodeError error)
    {
        var source = MarketFramePeek.EventType(frame, out _) switch
        {
            MarketEventType.BookTicker => "bookTicker",
            MarketEventType.MarkPriceUpdate => "markPriceUpdate",
            MarketEventType.ForceOrder => "forceOrder",
            MarketEventType.Kline => "kline",
            _ => "market",
        };
        return JsonDecode.TryRun(source, frame, _errors, f => Map(source, f), out value, out error);
    }

    private static MarketEvent Map(string source, JsonFields f)
    {
        var e = f.String("e");
        return e switch
        {
            "bookTicker" => new BookTickerEvent(
                f.String("s"), f.OptionalInt64("E") ?? 0, f.Int64("u"), f.OptionalInt64("T") ?? 0,
                f.Decimal("b"), f.Decimal("B"), f.Decimal("a"), f.Decimal("A")),
            "markPriceUpdate" => new MarkPriceEvent(
                f.String("s"), f.Int64("E"), f.Decimal("p"), f.Decimal("i"), f.OptionalDecimal("P"), f.Decimal("r"), f.Int64("T")),
            "forceOrder" => MapForceOrder(f),
            "kline" => new KlineEvent(f.String("s"), f.Int64("E"), MapKline(f.Object("k"))),
            _ => throw new DecodeFailure(source == "market" ? DecodeErrorReason.UnexpectedEvent : DecodeErrorReason.InvalidValue, "e"),
        };
    }

    private static ForceOrderEvent MapForceOrder(JsonFields f)
    {
        var o = f.Object("o");
        return new ForceOrderEvent(
            o.String("s"), f.Int64("E"), o.String("S"), o.String("o"), o.String("f"),
            o.Decimal("q"), o.Decimal("p"), o.Decimal("ap"), o.String("X"),
            o.Decimal("l"), o.Decimal("z"), o.Int64("T"));
    }

    internal static Kline MapKline(JsonFields k) => new(
        k.Int64("t"), k.Int64("T"), k.String("i"), k.Decimal("o"), k.Decimal("h"), k.Decimal("l"), k.Decimal("c"),
        k.Decimal("v"), k.Decimal("q"), k.Int64("n"), k.Decimal("V"), k.Decimal("Q"), k.Bool("x"));
}
