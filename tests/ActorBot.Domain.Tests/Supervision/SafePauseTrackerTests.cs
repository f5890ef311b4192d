using ActorBot.Domain.Supervision;

namespace ActorBot.Domain.Tests.Supervision;

public sealed class SafePauseTrackerTests
{
    private const string Venue = "binance-usdm";

    [Fact(DisplayName = "A raised cause pauses at once and clears only after the hysteresis window")]
    public void ClearsAfterHysteresis()
    {
        var tracker = new SafePauseTracker(TimeSpan.FromSeconds(10));
        tracker.Raise(PauseReason.StaleData("BTCUSDT")).Should().BeTrue();
        tracker.IsPaused(Venue, "BTCUSDT").Should().BeTrue();

        tracker.MarkClear(PauseReason.StaleData("BTCUSDT"), nowMs: 1_000);
        tracker.ClearingReasons.Should().Equal(PauseReason.StaleData("BTCUSDT"));
        tracker.Expire(10_999).Should().BeEmpty();
        tracker.IsPaused(Venue, "BTCUSDT").Should().BeTrue();

        tracker.Expire(11_000).Should().ContainSingle().Which.Should().Be(PauseReason.StaleData("BTCUSDT"));
        tracker.IsPaused(Venue, "BTCUSDT").Should().BeFalse();
    }

    [Fact(DisplayName = "A cause that returns during its hysteresis stays active (no flapping)")]
    public void ReRaiseCancelsPendingClear()
    {
        var tracker = new SafePauseTracker(TimeSpan.FromSeconds(10));
        tracker.Raise(PauseReason.StaleData("BTCUSDT"));
        tracker.MarkClear(PauseReason.StaleData("BTCUSDT"), 0);
        tracker.Raise(PauseReason.StaleData("BTCUSDT")).Should().BeFalse("it never left");
        tracker.Expire(60_000).Should().BeEmpty();
        tracker.IsPaused(Venue, "BTCUSDT").Should().BeTrue();
    }

    [Fact(DisplayName = "Symbol causes pause one symbol, venue causes its symbols, the kill switch everything")]
    public void Scopes()
    {
        var tracker = new SafePauseTracker(TimeSpan.Zero);
        tracker.Raise(PauseReason.StaleData("ETHUSDT"));
        tracker.IsPaused(Venue, "BTCUSDT").Should().BeFalse();
        tracker.IsPaused(Venue, "ETHUSDT").Should().BeTrue();

        tracker.Raise(PauseReason.VenueDisabled(Venue));
        tracker.IsPaused(Venue, "BTCUSDT").Should().BeTrue();
        tracker.IsPaused("other-venue", "BTCUSDT").Should().BeFalse();

        tracker.Raise(PauseReason.KillSwitch());
        tracker.ReasonsFor("other-venue", "SOLUSDT").Should().Equal(PauseReason.KillSwitch());
    }

    [Fact(DisplayName = "Clearing a cause that is not active changes nothing")]
    public void ClearUnknownIsNoop()
    {
        var tracker = new SafePauseTracker(TimeSpan.Zero);
        tracker.MarkClear(PauseReason.ClockOffset(Venue), 5);
        tracker.Expire(10).Should().BeEmpty();
        tracker.IsPausedAnywhere.Should().BeFalse();
    }

    [Fact(DisplayName = "Reasons read as sentences for the probe and the HUD")]
    public void ReasonText()
    {
        PauseReason.StaleData("BTCUSDT").ToString().Should().Be("stale market data for BTCUSDT");
        PauseReason.KillSwitch().ToString().Should().Be("kill switch on");
    }
}
