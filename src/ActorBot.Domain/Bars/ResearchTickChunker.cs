namespace ActorBot.Domain.Bars;

/// <summary>
/// The research's tick preparation and chunking (SPEC §2.1 steps 3–5, §3), for offline parity only:
/// ticks are grouped by UTC date in arrival order; as soon as the accumulator holds
/// <c>chunkDays</c> distinct dates it is emitted as one chunk; the remainder is a last, shorter chunk.
/// Each chunk drops exact duplicates on (ts, price, qty, side) — a research quirk that merges
/// genuinely distinct trades — and is sorted by timestamp. Where the research's unstable sort leaves
/// equal milliseconds in an implementation-defined order we keep exchange order (stable sort).
/// </summary>
public static class ResearchTickChunker
{
    public const long DayMs = 86_400_000;

    public static IEnumerable<IReadOnlyList<TradeTick>> Chunk(IEnumerable<TradeTick> ticks, int chunkDays)
    {
        if (chunkDays < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkDays), $"chunk_days {chunkDays} must be at least 1.");
        }

        var accumulator = new List<TradeTick>();
        var dates = new HashSet<long>();
        foreach (var tick in ticks)
        {
            var date = Math.DivRem(tick.TimestampMs, DayMs, out var rem) - (rem < 0 ? 1 : 0);
            if (!dates.Contains(date) && dates.Count >= chunkDays)
            {
                yield return Prepare(accumulator);
                accumulator = new List<TradeTick>();
                dates.Clear();
            }

            dates.Add(date);
            accumulator.Add(tick);
        }

        if (accumulator.Count > 0)
        {
            yield return Prepare(accumulator);
        }
    }

    /// <summary>Drops exact duplicates (first occurrence kept) and stable-sorts by timestamp.</summary>
    public static IReadOnlyList<TradeTick> Prepare(IReadOnlyList<TradeTick> ticks)
    {
        var seen = new HashSet<(long, double, double, bool)>();
        var kept = new List<TradeTick>(ticks.Count);
        foreach (var t in ticks)
        {
            if (seen.Add((t.TimestampMs, t.Price, t.Quantity, t.IsBuyerMaker)))
            {
                kept.Add(t);
            }
        }

        return kept.Select((t, i) => (t, i)).OrderBy(x => x.t.TimestampMs).ThenBy(x => x.i).Select(x => x.t).ToList();
    }

    /// <summary>Builds a chunk's bars with the research tick snap; empty minutes produce no bar.</summary>
    public static IReadOnlyList<Bar> BuildBars(IReadOnlyList<TradeTick> chunk, double tickSize)
    {
        var builder = new MinuteBarBuilder(tickSize);
        var bars = new List<Bar>();
        foreach (var tick in chunk)
        {
            if (builder.OnTrade(tick, out _) is { } bar)
            {
                bars.Add(bar);
            }
        }

        if (builder.Flush() is { } last)
        {
            bars.Add(last);
        }

        return bars;
    }
}
