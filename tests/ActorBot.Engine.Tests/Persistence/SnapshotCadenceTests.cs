using ActorBot.Engine.Persistence;

namespace ActorBot.Engine.Tests.Persistence;

public sealed class SnapshotCadenceTests
{
    [Fact(DisplayName = "Snapshot cadence: due every N events after the newest snapshot; a save deletes all but the last two; dirty only after new events")]
    public void Cadence()
    {
        var c = new SnapshotCadence(every: 3);
        c.Recovered(10);
        c.Dirty(10).Should().BeFalse("recovered from a snapshot at the last event: nothing to save at stop");
        c.Due(12).Should().BeFalse();
        c.Due(13).Should().BeTrue();
        c.Requested(13);
        c.Due(14).Should().BeFalse("a save is in flight");
        c.Dirty(13).Should().BeFalse();
        c.Dirty(14).Should().BeTrue();
        c.Succeeded(13).Should().Be(9, "kept: 10 and 13");
        c.OlderThanLatest.Should().Be(12);
        c.Succeeded(13).Should().BeNull("a repeated answer deletes nothing more");
        c.Requested(16);
        c.Succeeded(16).Should().Be(12, "kept: 13 and 16");
    }

    [Fact(DisplayName = "Snapshot cadence: the first save of a fresh journal deletes nothing; every must be at least 1")]
    public void FreshJournal()
    {
        var c = new SnapshotCadence(every: 1);
        c.Due(1).Should().BeTrue();
        c.OlderThanLatest.Should().BeNull();
        c.Succeeded(1).Should().BeNull();
        c.Succeeded(2).Should().BeNull("kept: 1 and 2");
        c.Succeeded(3).Should().Be(1);
        var act = () => new SnapshotCadence(0);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
