namespace ActorBot.Domain.Paper;

/// <summary>Paper venue costs: slippage against the trader and fees, in basis points of the notional.</summary>
public sealed record PaperFillSettings(PaperFillMode Mode, decimal SlippageBps, decimal TakerFeeBps, decimal MakerFeeBps)
{
    public PaperFillSettings Validate() =>
        SlippageBps < 0 || TakerFeeBps < 0
            ? throw new ArgumentException($"paper slippage_bps ({SlippageBps}) and taker_fee_bps ({TakerFeeBps}) must not be negative")
            : this;
}
