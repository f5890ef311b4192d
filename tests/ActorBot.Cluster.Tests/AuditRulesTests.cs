using ActorBot.Cluster.Tests.Harness;
using ActorBot.Domain.Execution;

namespace ActorBot.Cluster.Tests;

/// <summary>The rules the process tests judge the venue and the cluster by, on hand-made inputs (no processes).</summary>
public sealed class AuditRulesTests
{
    private const long Signal = 1_778_200_000_000;

    [Fact(DisplayName = "Two accepted entries for one (symbol, signal) are a duplicate; a refused re-send of the same id and other legs are not")]
    public void DuplicateEntries()
    {
        var entry = ClientOrderId.Create("snap", "BTCUSD_PERP", Signal, OrderLeg.Entry);
        var retry = ClientOrderId.Create("snap", "BTCUSD_PERP", Signal, OrderLeg.Entry, attempt: 1);
        var other = ClientOrderId.Create("snap", "BTCUSD_PERP_B", Signal, OrderLeg.Entry);
        var flatten = ClientOrderId.Create("snap", "BTCUSD_PERP", Signal, OrderLeg.Flatten);
        List<AuditRow> clean =
        [
            Row(entry, "BTCUSD_PERP"),
            Row(entry, "BTCUSD_PERP", status: 400, code: -4116),
            Row(other, "BTCUSD_PERP_B"),
            Row(flatten, "BTCUSD_PERP"),
            Row(ClientOrderId.Create("snap", "BTCUSD_PERP", Signal, OrderLeg.StopLoss), "BTCUSD_PERP", route: "algo"),
            Row("manual-order-1", "BTCUSD_PERP"),
        ];
        VenueAudit.DuplicateEntries(clean).Should().BeEmpty();
        VenueAudit.BlockedResends(clean).Should().Be(1);
        VenueAudit.Summary(clean).Should().Contain("Entry ok 2").And.Contain("Entry -4116 1").And.Contain("Flatten ok 1").And.Contain("StopLoss ok 1").And.Contain("other ok 1");

        var dirty = clean.Append(Row(retry, "BTCUSD_PERP", port: 4242)).ToList();
        VenueAudit.DuplicateEntries(dirty).Should().ContainSingle().Which.Should().Contain("BTCUSD_PERP").And.Contain(retry).And.Contain("4242");
    }

    [Fact(DisplayName = "A position is unprotected without both an open SL and an open TP on its symbol; flat symbols need none")]
    public void Unprotected()
    {
        var positions = new[] { ("A", 2m), ("B", -1m), ("C", 0m), ("D", 3m) };
        var algos = new[] { ("A", "STOP_MARKET"), ("A", "TAKE_PROFIT_MARKET"), ("B", "STOP_MARKET"), ("D", "TAKE_PROFIT_MARKET"), ("C", "STOP_MARKET") };
        VenueAudit.Unprotected(positions, algos).Should().HaveCount(2)
            .And.Contain(u => u.StartsWith("B -1", StringComparison.Ordinal) && u.Contains("TP 0"))
            .And.Contain(u => u.StartsWith("D 3", StringComparison.Ordinal) && u.Contains("SL 0"));
    }

    [Fact(DisplayName = "Orders are attributed to a process by client port and arrival time")]
    public void SentBy()
    {
        List<AuditRow> rows = [Row("a", "X", port: 1, at: 100), Row("b", "X", port: 2, at: 200), Row("c", "X", port: 1, at: 300)];
        VenueAudit.SentBy(rows, new HashSet<int> { 1 }, 150).Select(r => r.ClientId).Should().Equal("c");
    }

    [Fact(DisplayName = "/cluster is read with members, unreachable, owners (a map or a list of shards) and singletons; ownership merges the live views")]
    public void ClusterViewAndOwnership()
    {
        var a = ClusterView.Parse("""
            {"self":"akka.tcp://actorbot@127.0.0.1:4001","leader":"akka.tcp://actorbot@127.0.0.1:4001",
             "members":[{"address":"akka.tcp://actorbot@127.0.0.1:4001","status":"up","roles":["trading"]},
                        {"address":"akka.tcp://actorbot@127.0.0.1:4002","status":"up","roles":["trading"]}],
             "unreachable":["akka.tcp://actorbot@127.0.0.1:4003"],
             "owners":{"binance-usdm/A":"akka.tcp://actorbot@127.0.0.1:4001","binance-usdm/B":"akka.tcp://actorbot@127.0.0.1:4002"},
             "singletons":{"risk":"akka.tcp://actorbot@127.0.0.1:4001","venue-binance-usdm":null}}
            """);
        a.Self.Should().Be("127.0.0.1:4001");
        a.SelfStatus.Should().Be("up");
        a.UpMembers.Should().BeEquivalentTo("127.0.0.1:4001", "127.0.0.1:4002");
        a.Unreachable.Should().BeEquivalentTo("127.0.0.1:4003");
        a.Singletons.Should().BeEquivalentTo(new Dictionary<string, string> { ["risk"] = "127.0.0.1:4001" }, "a singleton not running anywhere is null");

        var b = ClusterView.Parse("""
            {"self":"akka.tcp://actorbot@127.0.0.1:4002","members":[],
             "shards":[{"shardId":"7","node":"akka.tcp://actorbot@127.0.0.1:4002","entities":["binance-usdm/B"]},
                       {"shardId":"9","address":"akka.tcp://actorbot@127.0.0.1:4003","entities":["binance-usdm/C"]}]}
            """);
        b.Owners.Should().BeEquivalentTo([("binance-usdm/B", "127.0.0.1:4002"), ("binance-usdm/C", "127.0.0.1:4003")]);

        var merged = Ownership.Merge([a, b], ["127.0.0.1:4001", "127.0.0.1:4002"]);
        merged.EachOwnedOnceByLive(["binance-usdm/A", "binance-usdm/B"]).Should().BeTrue();
        merged.EachOwnedOnceByLive(["binance-usdm/C"]).Should().BeFalse("its owner is not live");
        merged.CountByOwner(["binance-usdm/A", "binance-usdm/B", "binance-usdm/C"]).Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["127.0.0.1:4001"] = 1,
            ["127.0.0.1:4002"] = 1,
            ["127.0.0.1:4003"] = 1,
        });

        var split = Ownership.Merge([a, ClusterView.Parse("""{"owners":{"binance-usdm/A":"akka.tcp://actorbot@127.0.0.1:4002"}}""")], ["127.0.0.1:4001", "127.0.0.1:4002"]);
        split.EachOwnedOnceByLive(["binance-usdm/A"]).Should().BeFalse("two nodes name different owners");
    }

    private static AuditRow Row(string id, string symbol, string route = "order", int status = 200, int code = 0, int port = 1000, long at = 0) =>
        new(at, port, route, symbol, id, "BUY", "MARKET", false, status, code);
}
