using ActorBot.Engine.Cluster;
using static ActorBot.Engine.Cluster.ClusterStanding;

namespace ActorBot.Engine.Tests.Cluster;

/// <summary>The cluster guard's rule: a node trades only while it stands with a strict majority of the trading role.</summary>
public sealed class ClusterStandingTests
{
    private static MemberView Self(MemberState s = MemberState.Up) => new(true, s, false);

    private static MemberView Other(bool unreachable = false, MemberState s = MemberState.Up) => new(false, s, unreachable);

    [Fact(DisplayName = "Three up and reachable: not paused")]
    public void AllReachable() => Decide([Self(), Other(), Other()], false).Paused.Should().BeFalse();

    [Fact(DisplayName = "One of three unreachable: the two that see each other keep trading")]
    public void MajoritySide() => Decide([Self(), Other(), Other(unreachable: true)], false).Paused.Should().BeFalse();

    [Fact(DisplayName = "Two of three unreachable: this node is the minority and pauses at once")]
    public void MinoritySide()
    {
        var (paused, reason) = Decide([Self(), Other(unreachable: true), Other(unreachable: true)], false);
        paused.Should().BeTrue();
        reason.Should().Contain("1 of 3");
    }

    [Fact(DisplayName = "An even split pauses: under keep-majority one half is downed and neither knows which")]
    public void EvenSplitPauses() => Decide([Self(), Other(), Other(unreachable: true), Other(unreachable: true)], false).Paused.Should().BeTrue();

    [Theory(DisplayName = "A node that is not up (joining, leaving, downed) pauses")]
    [InlineData(MemberState.Joining)]
    [InlineData(MemberState.Leaving)]
    [InlineData(MemberState.Down)]
    public void SelfNotUp(MemberState state) => Decide([Self(state), Other(), Other()], false).Paused.Should().BeTrue();

    [Fact(DisplayName = "Removed (no longer a member) or shutting down pauses")]
    public void RemovedOrShuttingDown()
    {
        Decide([Other(), Other()], false).Paused.Should().BeTrue();
        Decide([Self(), Other(), Other()], true).Paused.Should().BeTrue();
    }

    [Fact(DisplayName = "Members still joining are not counted either way")]
    public void JoiningIgnored() => Decide([Self(), Other(s: MemberState.Joining), Other(s: MemberState.Joining, unreachable: true)], false).Paused.Should().BeFalse();

    [Fact(DisplayName = "A single node alone is its own majority")]
    public void SingleNode() => Decide([Self()], false).Paused.Should().BeFalse();
}
