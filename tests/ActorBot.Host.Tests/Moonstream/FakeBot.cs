using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Binary;
using ActorBot.Domain.OrderBook;
using ActorBot.Domain.OrderBook.Frames;
using ActorBot.Engine.Liquidations;
using Akka.Actor;

namespace ActorBot.Host.Tests.Moonstream;

/// <summary>What the stand-in bot answers for one symbol; a null part is answered as a symbol without that actor.</summary>
internal sealed class SymbolData
{
    public LiquidationSnapshot? Snapshot { get; set; }

    public IReadOnlyList<LiqHistoryRecord>? History { get; set; }

    public List<LiquidationEvent>? Events { get; set; }

    public OpenInterestState? OpenInterest { get; set; }

    public ZonesState? Zones { get; set; }

    public IReadOnlyList<ObFrame>? Frames { get; set; }

    public BookSyncCounters? Reconstructor { get; set; }
}

/// <summary>
/// A real actor standing in for <c>/user/bot</c>: it answers the API's questions from <see cref="SymbolData"/> as the
/// symbol subtree would, a symbol without the asked actor answering a <see cref="Status.Failure"/> (as SymbolActor does).
/// Counts the questions so a test can see a cache hit reach no actor.
/// </summary>
internal sealed class FakeBot : ReceiveActor
{
    public FakeBot(IReadOnlyDictionary<string, SymbolData> data, Counter asks)
    {
        ReceiveAny(m =>
        {
            asks.Increment();
            if (m is not ISymbolLiquidationMessage q || !data.TryGetValue(q.Symbol, out var d))
            {
                Sender.Tell(new Status.Failure(new ArgumentException("unknown symbol")));
                return;
            }

            object? answer = m switch
            {
                GetLiquidationSnapshot => d.Snapshot,
                GetLiquidationHistory => d.History is null ? null : new LiquidationHistory(q.Symbol, d.History),
                GetLiquidationEvents e => d.Events is null ? null : new LiquidationEvents(q.Symbol, [.. d.Events.Where(x => x.TimestampMs > e.SinceTsMs).TakeLast(e.Limit)]),
                GetOpenInterest => d.OpenInterest,
                GetZones => d.Zones,
                GetBookFrames f => d.Frames is null ? null : new BookFrames(q.Symbol, [.. d.Frames.TakeLast(f.MaxFrames)]),
                GetBookStats => d.Frames is null ? null : new BookStats(q.Symbol, null, d.Frames.Count, d.Reconstructor, d.Reconstructor is null ? null : 1),
                _ => null,
            };
            Sender.Tell(answer ?? new Status.Failure(new InvalidOperationException($"symbol {q.Symbol} runs no such actor")));
        });
    }

    internal sealed class Counter
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }
}

/// <summary>A clock the test moves (no sleeps): the cache's TTL and the staleness checks read it.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
