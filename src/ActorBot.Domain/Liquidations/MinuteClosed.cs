namespace ActorBot.Domain.Liquidations;

/// <summary>
/// One completed minute of a symbol (moonstream SPEC §15.2): keyed by the minute it describes (its start, epoch ms),
/// not the minute that follows it (the old viewer's off-by-one, §13 #18), with that minute's own taker aggression
/// (no lag) and the open interest at its close in base units (<see cref="OpenInterest"/> null when none was known).
/// A minute without trades is flat at the last close and has <see cref="Trades"/> 0.
/// </summary>
public sealed record MinuteClosed(
    string Symbol,
    long MinuteMs,
    double Open,
    double High,
    double Low,
    double Close,
    double TakerBuyUsd,
    double TakerSellUsd,
    int Trades,
    double? OpenInterest)
{
    public double BuyShare => TakerBuyUsd + TakerSellUsd > 0 ? TakerBuyUsd / (TakerBuyUsd + TakerSellUsd) : 0.5;
}
