using ActorBot.Domain.Barriers;
using ActorBot.Domain.Bars;

namespace ActorBot.Domain.Tests.Barriers;

/// <summary>
/// The horizon of routed trades (price barriers on the venue) is the paper book's horizon: on a path that touches no
/// barrier, <see cref="HorizonWatch"/> reports a trade due on exactly the bar where <see cref="SnapTradeBook"/> closes
/// it with <see cref="ExitReason.Horizon"/>, and only once.
/// </summary>
public sealed class HorizonWatchTests
{
    private static readonly BarrierGeometry S = BarrierGeometry.Strategy;

    // Entry 100, ATR 2 → SL 97.5, BE 101, TP 104: bars in [99.5, 100.5] touch none of them.
    private static Bar B(int i) => new(i * 60_000L, 100, 100.5, 99.5, 100, 1, 0.5, 0.5, 1);

    [Fact(DisplayName = "HorizonWatch is due on the bar where the paper book times the same trade out (causal path: decision bar and older ignored), once")]
    public void SameBarAsThePaperBook()
    {
        // Decided at the close of bar 10 (= open of bar 11); the book and the watch see bars 9, 10 and 11..50.
        var decision = B(11).OpenTimeMs;
        var book = new SnapTradeBook(S);
        book.TryOpen("ev", decision, 1, 100, 2).Should().NotBeNull();
        var watch = new HorizonWatch(S);
        watch.Track("ev", decision);
        watch.Track("ev", decision); // tracked twice: still one trade

        int? bookBar = null;
        int? watchBar = null;
        var dueCount = 0;
        for (var i = 9; i <= 50; i++)
        {
            if (book.OnBar(B(i)).SingleOrDefault() is { } closed)
            {
                closed.Outcome.Reason.Should().Be(ExitReason.Horizon);
                bookBar = i;
            }

            var due = watch.OnBar(B(i));
            dueCount += due.Count;
            if (due.Count > 0)
            {
                due.Should().Equal("ev");
                watchBar = i;
            }
        }

        bookBar.Should().Be(11 + S.HorizonBars - 1);
        watchBar.Should().Be(bookBar);
        dueCount.Should().Be(1);
        watch.Forget("ev").Should().BeTrue();
        watch.Count.Should().Be(0);
    }
}
