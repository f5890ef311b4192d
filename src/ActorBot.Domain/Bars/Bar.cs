namespace ActorBot.Domain.Bars;

/// <summary>
/// A closed 1-minute bar labelled by its open time (UTC ms of the minute floor); it covers
/// [OpenTimeMs, OpenTimeMs + 60 000). BuyQty/SellQty are taker buy/sell base quantities.
/// It becomes knowable only at <see cref="CloseTimeMs"/>.
/// </summary>
public sealed record Bar(
    long OpenTimeMs,
    double Open,
    double High,
    double Low,
    double Close,
    double Volume,
    double BuyQty,
    double SellQty,
    int TradeCount)
{
    public const long MinuteMs = 60_000;

    public long CloseTimeMs => OpenTimeMs + MinuteMs;
}
