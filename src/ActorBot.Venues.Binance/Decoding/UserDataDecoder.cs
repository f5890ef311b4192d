using ActorBot.Venues.Binance.UserData;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>Decodes user-data stream events (raw or combined frames), dispatching on <c>e</c>.</summary>
public sealed class UserDataDecoder
{
    public const string Source = "userData";

    private readonly DecodeErrorCounter _errors;

    public UserDataDecoder(DecodeErrorCounter errors)
    {
        _errors = errors;
    }

    public bool TryDecode(ReadOnlySpan<byte> frame, out UserDataEvent? value, out DecodeError error) =>
        JsonDecode.TryRun(Source, frame, _errors, Map, out value, out error);

    private static UserDataEvent Map(JsonFields f)
    {
        var type = f.String("e");
        return type switch
        {
            "ORDER_TRADE_UPDATE" => MapOrder(f),
            "ACCOUNT_UPDATE" => MapAccount(f),
            "TRADE_LITE" => new TradeLite(
                f.Int64("E"), f.Int64("T"), f.String("s"), f.Decimal("q"), f.Decimal("p"), f.Bool("m"),
                f.String("c"), f.String("S"), f.Decimal("L"), f.Decimal("l"), f.Int64("t"), f.Int64("i")),
            "ALGO_UPDATE" => MapAlgo(f),
            "listenKeyExpired" => new ListenKeyExpired(f.Int64("E"), f.OptionalString("listenKey")),
            _ => new UnhandledUserDataEvent(f.OptionalInt64("E") ?? 0, type),
        };
    }

    private static OrderTradeUpdate MapOrder(JsonFields f)
    {
        var o = f.Object("o");
        return new OrderTradeUpdate(
            f.Int64("E"), f.Int64("T"), o.String("s"), o.String("c"), o.String("S"), o.String("o"), o.String("f"),
            o.Decimal("q"), o.Decimal("p"), o.Decimal("ap"), o.OptionalDecimal("sp"), o.String("x"), o.String("X"),
            o.Int64("i"), o.Decimal("l"), o.Decimal("z"), o.Decimal("L"), o.OptionalString("N"), o.OptionalDecimal("n"),
            o.Int64("t"), o.Bool("m"), o.Bool("R"), o.OptionalString("wt"), o.OptionalString("ot"), o.OptionalString("ps"),
            o.OptionalBool("cp") ?? false, o.OptionalDecimal("rp"));
    }

    private static AccountUpdate MapAccount(JsonFields f)
    {
        var a = f.Object("a");
        return new AccountUpdate(
            f.Int64("E"), f.Int64("T"), a.String("m"),
            a.OptionalArray("B", b => new BalanceChange(b.String("a"), b.Decimal("wb"), b.Decimal("cw"), b.OptionalDecimal("bc"))),
            a.OptionalArray("P", p => new PositionChange(
                p.String("s"), p.Decimal("pa"), p.Decimal("ep"), p.OptionalDecimal("bep"), p.Decimal("cr"),
                p.Decimal("up"), p.String("mt"), p.OptionalDecimal("iw"), p.String("ps"))));
    }

    private static AlgoUpdate MapAlgo(JsonFields f)
    {
        var o = f.Object("o");
        var exchangeOrderId = o.OptionalString("ai");
        return new AlgoUpdate(
            f.Int64("E"), f.Int64("T"), o.String("caid"), o.Int64("aid"), o.String("at"), o.String("o"),
            o.String("s"), o.String("S"), o.OptionalString("ps"), o.OptionalString("f"), o.Decimal("q"), o.String("X"),
            string.IsNullOrEmpty(exchangeOrderId) ? null : exchangeOrderId, o.OptionalDecimal("ap"), o.OptionalDecimal("aq"),
            o.OptionalDecimal("tp"), o.OptionalDecimal("p"), o.OptionalString("wt"), o.OptionalBool("R") ?? false,
            o.OptionalBool("cp") ?? false, o.OptionalString("rm"));
    }
}
