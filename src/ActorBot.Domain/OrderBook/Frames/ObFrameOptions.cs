namespace ActorBot.Domain.OrderBook.Frames;

/// <summary>
/// One symbol's 30 s order-book frame settings (moonstream SPEC §9.2): the bucket step (BTC 20, ETH 1, SOL 0.1 in the
/// recorded run), the range around the reference price (±10 %) and the grid cap of the 4096-byte record (1000).
/// </summary>
public sealed record ObFrameOptions
{
    public const int SlotSeconds = 30;

    public const int MaxPrices = 1000;

    public ObFrameOptions(string symbol, decimal step, decimal rangePct = 0.10m)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (step <= 0 || !Fixed8.TryFromDecimal(step, out var stepFixed))
        {
            throw new ArgumentOutOfRangeException(nameof(step), $"Frame step {step} must be positive with at most 8 decimals.");
        }

        if (rangePct <= 0 || rangePct >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rangePct), $"Frame range {rangePct} must be in (0, 1).");
        }

        Symbol = symbol;
        Step = step;
        StepFixed8 = stepFixed;
        RangePct = rangePct;
    }

    /// <summary>The book's symbol; a book of any other symbol is refused (SPEC §13 #1: never another symbol's book).</summary>
    public string Symbol { get; }

    public decimal Step { get; }

    /// <summary>The step in <see cref="Fixed8"/> units, so level prices bucket by integer division.</summary>
    public long StepFixed8 { get; }

    public decimal RangePct { get; }

    public static long SlotMilliseconds => SlotSeconds * 1000L;
}
