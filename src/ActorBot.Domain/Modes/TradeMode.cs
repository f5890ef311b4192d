namespace ActorBot.Domain.Modes;

/// <summary>
/// How far a decision travels. <see cref="Shadow"/> is the default: decisions are recorded, no order
/// leaves the process. Each step up reaches closer to real money and needs more explicit consent.
/// </summary>
public enum TradeMode
{
    /// <summary>Decisions only; no orders, no fills.</summary>
    Shadow = 0,

    /// <summary>In-process fills by a fill model; no venue orders.</summary>
    Paper = 1,

    /// <summary>A real venue API at a testnet or local simulator URL.</summary>
    Testnet = 2,

    /// <summary>Real orders with real money; guarded by <see cref="LiveArmingGate"/>.</summary>
    Live = 3,
}

/// <summary>Parses trade modes from CLI and config text without exceptions.</summary>
public static class TradeModeParser
{
    public static bool TryParse(string? text, out TradeMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "shadow":
                mode = TradeMode.Shadow;
                return true;
            case "paper":
                mode = TradeMode.Paper;
                return true;
            case "testnet":
                mode = TradeMode.Testnet;
                return true;
            case "live":
                mode = TradeMode.Live;
                return true;
            default:
                mode = TradeMode.Shadow;
                return false;
        }
    }

    public static string ToConfigString(this TradeMode mode) => mode switch
    {
        TradeMode.Shadow => "shadow",
        TradeMode.Paper => "paper",
        TradeMode.Testnet => "testnet",
        TradeMode.Live => "live",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown trade mode"),
    };
}
