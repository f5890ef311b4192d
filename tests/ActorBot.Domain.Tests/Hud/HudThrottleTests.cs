using ActorBot.Domain.Hud;

namespace ActorBot.Domain.Tests.Hud;

/// <summary>The HUD's send policy on explicit times: dedup, the per-minute budget and coalescing, the bounded queue, retry_after.</summary>
public sealed class HudThrottleTests
{
    private const long T0 = 1_700_000_000_000;

    private static HudThrottle Throttle(int perMinute = 20, int capacity = 100, int dedupSeconds = 300) =>
        new(new HudThrottleSettings(TimeSpan.FromSeconds(dedupSeconds), perMinute, capacity));

    private static List<string> Drain(HudThrottle t, long nowMs)
    {
        var sent = new List<string>();
        while (t.Next(nowMs) is { IsSend: true, Text: { } text })
        {
            sent.Add(text);
        }

        return sent;
    }

    [Fact(DisplayName = "The same text within the dedup window is sent once; after the window it is sent again")]
    public void Dedup_within_window_only()
    {
        var t = Throttle(dedupSeconds: 60);
        t.Offer("venue disabled", T0).Should().Be(HudOffer.Queued);
        t.Offer("venue disabled", T0 + 59_000).Should().Be(HudOffer.Duplicate);
        t.Offer("venue enabled", T0 + 59_000).Should().Be(HudOffer.Queued);
        Drain(t, T0 + 59_000).Should().Equal("venue disabled", "venue enabled");
        t.Duplicates.Should().Be(1);

        t.Offer("venue disabled", T0 + 60_000).Should().Be(HudOffer.Queued, "the window measured from the first acceptance has passed");
        Drain(t, T0 + 60_000).Should().Equal("venue disabled");
    }

    [Fact(DisplayName = "A state topic is deduplicated against its last message only, so a flapping state never ends on a suppressed one")]
    public void Topic_dedup_keeps_the_latest_state()
    {
        var t = Throttle(dedupSeconds: 60);
        t.Offer("SAFE_PAUSE entered", T0, "safe-pause").Should().Be(HudOffer.Queued);
        t.Offer("SAFE_PAUSE exited", T0 + 1_000, "safe-pause").Should().Be(HudOffer.Queued);
        t.Offer("SAFE_PAUSE entered", T0 + 2_000, "safe-pause").Should().Be(HudOffer.Queued, "plain text dedup would drop it and leave 'exited' as the last word");
        t.Offer("SAFE_PAUSE entered", T0 + 3_000, "safe-pause").Should().Be(HudOffer.Duplicate, "the same state again says nothing new");
        t.Offer("SAFE_PAUSE entered", T0 + 3_000).Should().Be(HudOffer.Queued, "topics and plain texts are deduplicated apart");
        Drain(t, T0 + 3_000).Should().HaveCount(4);
    }

    [Fact(DisplayName = "At most N sends a rolling minute: N-1 go one by one, the N-th carries the rest as 'M more events'")]
    public void Budget_and_coalescing()
    {
        var t = Throttle(perMinute: 3);
        for (var i = 1; i <= 9; i++)
        {
            t.Offer($"event {i}\ndetail {i}", T0);
        }

        var sent = Drain(t, T0);
        sent.Should().HaveCount(3);
        sent[0].Should().Be("event 1\ndetail 1");
        sent[1].Should().Be("event 2\ndetail 2");
        sent[2].Should().StartWith("7 more events (rate limit):\n• event 3\n• event 4\n• event 5\n• event 6\n• event 7\n…");
        sent[2].Should().NotContain("detail").And.NotContain("event 8");
        t.Coalesced.Should().Be(7);
        t.Queued.Should().Be(0);

        t.Offer("event 10", T0 + 1_000);
        t.Next(T0 + 1_000).Should().Be(HudNext.Wait(T0 + 60_000), "the minute's three sends are spent");
        t.Next(T0 + 60_000).Text.Should().Be("event 10");
    }

    [Fact(DisplayName = "A single waiting message on the last slot goes as itself, not as '1 more events'")]
    public void Last_slot_with_one_message()
    {
        var t = Throttle(perMinute: 1);
        t.Offer("only", T0);
        t.Next(T0).Should().Be(HudNext.Send("only", 1));
        t.Next(T0).Should().Be(HudNext.Idle);
    }

    [Fact(DisplayName = "A full queue drops new messages and counts them (hud_dropped_total); nothing grows without bound")]
    public void Bounded_queue()
    {
        var t = Throttle(capacity: 2);
        t.Offer("a", T0).Should().Be(HudOffer.Queued);
        t.Offer("b", T0).Should().Be(HudOffer.Queued);
        t.Offer("c", T0).Should().Be(HudOffer.Dropped);
        t.Offer("d", T0).Should().Be(HudOffer.Dropped);
        t.Dropped.Should().Be(2);
        t.Queued.Should().Be(2);
    }

    [Fact(DisplayName = "retry_after puts the message back first and holds every send until the wait is over")]
    public void Retry_after_holds_sends()
    {
        var t = Throttle();
        t.Offer("first", T0);
        t.Offer("second", T0);
        t.Next(T0).Text.Should().Be("first");
        t.RetryAfter("first", T0 + 100, TimeSpan.FromSeconds(7));
        t.BlockedUntilMs.Should().Be(T0 + 7_100);
        t.Next(T0 + 7_099).Should().Be(HudNext.Wait(T0 + 7_100));
        t.Offer("third", T0 + 200).Should().Be(HudOffer.Queued);
        Drain(t, T0 + 7_100).Should().Equal("first", "second", "third");
    }

    [Fact(DisplayName = "A text over Telegram's limit is cut to 4000 characters")]
    public void Long_text_is_cut()
    {
        var t = Throttle();
        t.Offer(new string('x', 5000), T0);
        var text = t.Next(T0).Text!;
        text.Length.Should().Be(HudThrottleSettings.MaxTextLength);
        text.Should().EndWith("…");
    }

    [Fact(DisplayName = "Nonsense limits are refused")]
    public void Bad_settings()
    {
        FluentActions.Invoking(() => Throttle(perMinute: 0)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Throttle(capacity: 0)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Throttle(dedupSeconds: -1)).Should().Throw<ArgumentException>();
    }

    [Fact(DisplayName = "The daily tally counts trades, wins, R, PnL and entries not taken by reason")]
    public void Daily_tally()
    {
        var tally = new DailyTally(new DateOnly(2026, 12, 6));
        tally.AddTrade(1.5, 12.0);
        tally.AddTrade(-1.0, -8.5);
        tally.AddTrade(double.NaN, 0);
        tally.AddDrop("daily_loss_cap");
        tally.AddDrop("daily_loss_cap");
        tally.AddDrop("skipped_safe_pause");
        tally.Trades.Should().Be(3);
        tally.Wins.Should().Be(1);
        tally.SumR.Should().Be(0.5);
        tally.Pnl.Should().Be(3.5);
        tally.Drops.Should().Equal(new Dictionary<string, long> { ["daily_loss_cap"] = 2, ["skipped_safe_pause"] = 1 });
    }
}
