namespace ActorBot.Domain.Paper;

/// <summary>Costs of the in-process (paper/replay) fill: taker fee and slippage per side, in basis points, and the position notional.</summary>
public sealed record FillSettings(double TakerFeeBps, double SlippageBps, double NotionalUsd)
{
    public static FillSettings Frictionless { get; } = new(0.0, 0.0, 1000.0);

    public FillSettings Validate()
    {
        if (!double.IsFinite(TakerFeeBps) || TakerFeeBps < 0 || !double.IsFinite(SlippageBps) || SlippageBps < 0)
        {
            throw new ArgumentException($"fills.taker_fee_bps ({TakerFeeBps}) and fills.slippage_bps ({SlippageBps}) must be finite and non-negative.");
        }

        if (!double.IsFinite(NotionalUsd) || !(NotionalUsd > 0))
        {
            throw new ArgumentException($"fills.notional_usd ({NotionalUsd}) must be a positive number.");
        }

        return this;
    }
}

/// <summary>A closed trade priced by the fill model: fills, quantity, gross and net PnL in quote currency, net R.</summary>
public sealed record FillResult(double EntryFill, double ExitFill, double Quantity, double GrossPnl, double Fees, double NetPnl, double RNet);

/// <summary>
/// Costs of a closed barrier trade in replay and the trader's paper path (moved here from the Engine:
/// pure arithmetic, no actor state). Every fill is a taker fill that pays <see cref="FillSettings.SlippageBps"/>
/// against the trader and <see cref="FillSettings.TakerFeeBps"/> on its notional. The barrier engine
/// itself stays frictionless (SPEC §6.1: the label has no costs); this model adds them on top.
/// </summary>
public sealed class BarrierFillCosts
{
    private readonly FillSettings _settings;

    public BarrierFillCosts(FillSettings settings) => _settings = settings.Validate();

    /// <summary>The price the entry fills at when the decision is taken at <paramref name="reference"/>.</summary>
    public double EntryFill(int side, double reference) => reference * (1.0 + (side * _settings.SlippageBps * 1e-4));

    /// <summary>Prices the exit of a trade entered at <paramref name="entryFill"/> whose barrier exit was <paramref name="exitReference"/>.</summary>
    public FillResult Close(int side, double entryFill, double exitReference, double riskPerUnit)
    {
        var exitFill = exitReference * (1.0 - (side * _settings.SlippageBps * 1e-4));
        var qty = _settings.NotionalUsd / entryFill;
        var gross = qty * (exitFill - entryFill) * side;
        var fees = _settings.TakerFeeBps * 1e-4 * qty * (entryFill + exitFill);
        var net = gross - fees;
        return new FillResult(entryFill, exitFill, qty, gross, fees, net, net / (qty * Math.Max(riskPerUnit, 1e-8)));
    }
}
