using System.Text.Json;
using ActorBot.Domain.Reconciliation;

namespace ActorBot.Domain.Tests.Reconciliation;

public sealed class ReconcilerTests
{
    private static readonly Dictionary<string, decimal> Steps = new() { ["BTCUSDT"] = 0.001m, ["ETHUSDT"] = 0.01m };

    private static AccountSnapshot Snap(long ts = 1_000, decimal btc = 0.02m, decimal wallet = 1_000m, decimal available = 800m, params string[] btcOrders) => new(
        ts,
        new Dictionary<string, decimal> { ["BTCUSDT"] = btc },
        new Dictionary<string, IReadOnlySet<string>> { ["BTCUSDT"] = btcOrders.ToHashSet() },
        wallet,
        available);

    private static IReadOnlyList<DriftRecord> Compare(AccountSnapshot ours, AccountSnapshot venue) =>
        Reconciler.Compare(ours, venue, Steps, new ReconcileTolerances(), 0, "binance-usdm");

    [Fact(DisplayName = "Matching views produce no drift; differences inside tolerance neither")]
    public void WithinTolerance()
    {
        Compare(Snap(btcOrders: ["a"]), Snap(btcOrders: ["a"])).Should().BeEmpty();
        Compare(Snap(wallet: 1_000m), Snap(wallet: 1_000.9m)).Should().BeEmpty("under 1 USD");
        Compare(Snap(wallet: 100_000m), Snap(wallet: 100_050m)).Should().BeEmpty("under 0.1% of the venue balance");
        Compare(Snap(btc: 0.0200m), Snap(btc: 0.0204m)).Should().BeEmpty("under half a step");
    }

    [Fact(DisplayName = "A position off by a step is a critical drift with internal, venue, diff and tolerance")]
    public void PositionDrift()
    {
        var d = Compare(Snap(btc: 0.02m), Snap(btc: 0.021m)).Should().ContainSingle().Subject;
        d.Should().Be(new DriftRecord(1_000, 0, "binance-usdm", DriftKind.PositionQty, "BTCUSDT", 0.02m, 0.021m, -0.001m, 0.0005m, Reconciler.AccountSource, true, DriftSeverity.Critical));
    }

    [Fact(DisplayName = "A position only the venue knows is drift")]
    public void UnknownPosition()
    {
        var venue = Snap() with { Positions = new Dictionary<string, decimal> { ["BTCUSDT"] = 0.02m, ["ETHUSDT"] = -1m } };
        Compare(Snap(), venue).Should().ContainSingle().Which.Symbol.Should().Be("ETHUSDT");
    }

    [Fact(DisplayName = "Balance drift beyond max(USD, pct) tolerance is a warning")]
    public void BalanceDrift()
    {
        var drifts = Compare(Snap(wallet: 1_000m, available: 800m), Snap(wallet: 990m, available: 800m));
        drifts.Should().ContainSingle().Which.Should().Match<DriftRecord>(d => d.Kind == DriftKind.MarginBalanceUsd && d.Diff == 10m && d.Severity == DriftSeverity.Warning);
    }

    [Fact(DisplayName = "Open orders differing by id are drift, recorded as counts")]
    public void OrderDrift()
    {
        var d = Compare(Snap(btcOrders: ["a", "b"]), Snap(btcOrders: ["a", "c"])).Should().ContainSingle().Subject;
        d.Kind.Should().Be(DriftKind.OpenOrders);
        d.Internal.Should().Be(2m);
        d.Venue.Should().Be(2m);
        d.Diff.Should().Be(0m, "SPEC: diff is the count difference even when the sets differ");
        d.Source.Should().Be(Reconciler.OrderSource);
    }

    [Fact(DisplayName = "No fresh venue snapshot gives one informational account_unavailable record")]
    public void Unavailable()
    {
        var d = Compare(Snap(), Snap(ts: 0, btc: 5m)).Should().ContainSingle().Subject;
        d.Kind.Should().Be(DriftKind.AccountUnavailable);
        d.Available.Should().BeFalse();
        d.Severity.Should().Be(DriftSeverity.Info);
    }

    [Fact(DisplayName = "Drift records serialise in the SPEC's reconcile_drift.jsonl shape")]
    public void JsonShape()
    {
        var line = DriftRecordJson.ToJsonLine(Compare(Snap(btc: 0.02m), Snap(btc: 0.021m))[0]);
        line.Should().NotContain("\n");
        using var doc = JsonDocument.Parse(line);
        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(
            "timestamp_ms", "venue_index", "venue_id", "kind", "internal", "venue", "diff", "tolerance", "source", "available", "symbol", "severity");
        doc.RootElement.GetProperty("diff").GetDecimal().Should().Be(-0.001m);
        doc.RootElement.GetProperty("severity").GetString().Should().Be("critical");

        var unavailable = DriftRecordJson.ToJsonLine(Compare(Snap(), Snap(ts: 0))[0]);
        JsonDocument.Parse(unavailable).RootElement.GetProperty("internal").ValueKind.Should().Be(JsonValueKind.Null);
    }
}
