using ActorBot.Domain.Reconciliation;

namespace ActorBot.Domain.Tests.Reconciliation;

public sealed class DriftPersistenceTests
{
    private static DriftRecord Drift(string kind, string? symbol, DriftSeverity severity = DriftSeverity.Critical) =>
        new(1, 0, "binance-usdm", kind, symbol, 1m, 2m, -1m, 0m, Reconciler.AccountSource, true, severity);

    [Fact(DisplayName = "A mismatch that persists for N consecutive checks pauses the venue")]
    public void PersistsThenPauses()
    {
        var p = DriftPersistence.Create(3);
        var position = Drift(DriftKind.PositionQty, "BTCUSDT");
        var v1 = p.Observe([position]);
        var v2 = v1.Next.Observe([position]);
        v2.PauseVenue.Should().BeFalse();
        var v3 = v2.Next.Observe([position]);
        v3.PauseVenue.Should().BeTrue();
        v3.PersistentKeys.Should().Equal("position_qty:BTCUSDT");
    }

    [Fact(DisplayName = "A clean check in between resets the count")]
    public void CleanCheckResets()
    {
        var p = DriftPersistence.Create(2);
        var d = Drift(DriftKind.OpenOrders, "BTCUSDT");
        p.Observe([d]).Next.Observe([]).Next.Observe([d]).PauseVenue.Should().BeFalse();
    }

    [Fact(DisplayName = "Different keys count separately, and informational records never pause")]
    public void KeysAndInfo()
    {
        var p = DriftPersistence.Create(2);
        var v = p.Observe([Drift(DriftKind.PositionQty, "BTCUSDT"), Drift(DriftKind.AccountUnavailable, null, DriftSeverity.Info)]);
        v = v.Next.Observe([Drift(DriftKind.PositionQty, "ETHUSDT"), Drift(DriftKind.AccountUnavailable, null, DriftSeverity.Info)]);
        v.PauseVenue.Should().BeFalse();
        v.Next.Counts.Should().ContainKey("position_qty:ETHUSDT").And.NotContainKey("account_unavailable");
    }
}
