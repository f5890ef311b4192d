namespace ActorBot.Domain.Hud;

/// <summary>
/// What the HUD's daily summary reports for one UTC day: closed trades, their R and PnL, and entries the bot did
/// not take, by reason. Pure; the actor feeds it and starts a new one at midnight UTC.
/// </summary>
public sealed class DailyTally
{
    private readonly SortedDictionary<string, long> _drops = new(StringComparer.Ordinal);

    public DailyTally(DateOnly day) => Day = day;

    public DateOnly Day { get; }

    public int Trades { get; private set; }

    public int Wins { get; private set; }

    public double SumR { get; private set; }

    public double Pnl { get; private set; }

    public IReadOnlyDictionary<string, long> Drops => _drops;

    public void AddTrade(double r, double pnl)
    {
        Trades++;
        if (pnl > 0 || (pnl == 0 && r > 0))
        {
            Wins++;
        }

        SumR += double.IsFinite(r) ? r : 0;
        Pnl += double.IsFinite(pnl) ? pnl : 0;
    }

    public void AddDrop(string reason) => _drops[reason] = _drops.GetValueOrDefault(reason) + 1;
}
