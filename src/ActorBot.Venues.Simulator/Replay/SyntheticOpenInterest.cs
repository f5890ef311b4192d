namespace ActorBot.Venues.Simulator.Replay;

/// <summary>
/// SYNTHETIC open interest for a simulated venue (<see cref="SimulatorOptions.SyntheticOpenInterest"/>): the recordings
/// carry no open interest, so <c>/fapi/v1/openInterest</c> would always answer 0. This rule is made up, deterministic
/// and documented in the README, never a claim about a real market: each symbol starts at <see cref="Start"/> units of
/// its own quantity (contracts for COIN-M), every replayed trade adds 0.30 × its quantity when the taker bought and
/// removes 0.25 × when the taker sold (positions opened and closed), every replayed liquidation removes its quantity,
/// and it never falls below 10 % of the start. The venue answers with it in the symbol's units, as Binance does.
/// </summary>
public sealed class SyntheticOpenInterest
{
    public const decimal Start = 50_000m;
    private const decimal OpenShare = 0.30m;
    private const decimal CloseShare = 0.25m;
    private const decimal Floor = Start / 10m;
    private readonly Dictionary<string, decimal> _bySymbol = new(StringComparer.Ordinal);

    /// <summary>A trade; returns the symbol's open interest after it.</summary>
    public decimal OnTrade(string symbol, decimal quantity, bool buyerIsMaker) =>
        Move(symbol, buyerIsMaker ? -CloseShare * quantity : OpenShare * quantity);

    /// <summary>A liquidation (its quantity in the symbol's units) force-closes that much; returns the open interest after it.</summary>
    public decimal OnLiquidation(string symbol, decimal quantity) => Move(symbol, -quantity);

    private decimal Move(string symbol, decimal delta)
    {
        var value = Math.Max(Floor, _bySymbol.GetValueOrDefault(symbol, Start) + delta);
        _bySymbol[symbol] = value;
        return value;
    }
}
