using System.Text.Json;
using ActorBot.Domain.Sizing;
using ActorBot.Domain.Supervision;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Venues.Account;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Engine.Tests.Account;

/// <summary>
/// /venues/{v}/account in the real venue subtree against the simulator over loopback: the REST reads, a user-stream
/// gap, reconciliation drift into reconcile_drift.jsonl and SAFE_PAUSE, leverage / margin type at start, and what
/// reaches /risk. Every wait is bounded on a real condition.
/// </summary>
public sealed class AccountActorTests
{
    private const string Btc = AccountHarness.Btc;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact(DisplayName = "Execution and account run under /user/venues/{v}; the account loads balances, positions and open algo orders, and sends /risk the free balance and exchangeInfo filters")]
    public async Task LoadsTheAccount()
    {
        await using var h = await AccountHarness.StartAsync();
        var execution = await h.Inner.System.ActorSelection("/user/venues/sim/execution").ResolveOne(Wait);
        execution.Path.ToStringWithoutAddress().Should().Be("/user/venues/sim/execution");
        var account = await h.Inner.System.ActorSelection("/user/venues/sim/account").ResolveOne(Wait);
        account.Path.ToStringWithoutAddress().Should().Be("/user/venues/sim/account");

        h.Risk.FishForMessage<SetSymbolFilters>(m => m.Filters.Symbol == Btc, Wait).Filters.StepSize.Should().BeGreaterThan(0m);
        h.Risk.FishForMessage<SetFreeBalance>(_ => true, Wait).Usd.Should().Be(h.Inner.Host.Engine.WalletBalance);

        // Placed on the venue directly: a position and a working algo order the account must see on its next read.
        (await h.Inner.Rest.PlaceOrderAsync(new NewOrder(Btc, "BUY", "MARKET", "manual-long", 0.5m))).IsSuccess.Should().BeTrue();
        (await h.Inner.Rest.PlaceAlgoOrderAsync(new NewAlgoOrder(Btc, "SELL", "STOP_MARKET", "manual-stop", 90m, 0.5m, ReduceOnly: true))).IsSuccess.Should().BeTrue();
        var status = h.ReconcileNow();

        status.Balances.Should().ContainSingle(b => b.Asset == "USDT").Which.WalletBalance.Should().Be(h.Inner.Host.Engine.WalletBalance);
        status.Positions.Should().ContainSingle().Which.Should().Be(new HeldPosition(Btc, 0.5m, 100m));
        status.OpenAlgoOrders.Should().ContainSingle().Which.ClientAlgoId.Should().Be("manual-stop");
        status.OpenOrders.Should().BeEmpty();
        status.ListenKeysCreated.Should().BeGreaterThanOrEqualTo(1);
        status.LastReconcileMs.Should().NotBeNull();
    }

    [Fact(DisplayName = "A dropped user-data stream (new listenKey) is a gap: the account re-reads the venue")]
    public async Task StreamDropCausesReread()
    {
        await using var h = await AccountHarness.StartAsync();
        h.Inner.Kit.AwaitAssert(() => h.Status().StreamConnects.Should().Be(1), Wait);
        h.Inner.Kit.AwaitAssert(() => h.Status().Reconciles.Should().BeGreaterThanOrEqualTo(1), Wait);
        var before = h.Status();

        h.Inner.Host.DropSockets();

        h.Inner.Kit.AwaitAssert(() =>
        {
            var now = h.Status();
            now.UserDataGaps.Should().BeGreaterThanOrEqualTo(1);
            now.ListenKeysCreated.Should().BeGreaterThan(before.ListenKeysCreated);
            now.Reconciles.Should().BeGreaterThan(before.Reconciles, "the gap triggered a REST re-read");
        }, Wait);
    }

    [Fact(DisplayName = "A position opened behind the bot's back: drift line in reconcile_drift.jsonl, counted; persisting → SAFE_PAUSE reconcile_drift; flattened → cleared")]
    public async Task DriftPausesAndClears()
    {
        await using var h = await AccountHarness.StartAsync();
        h.Inner.Kit.AwaitAssert(() => h.Status().Reconciles.Should().BeGreaterThanOrEqualTo(1), Wait);
        h.ReconcileNow().DriftTotal.Should().Be(0, "execution and the venue agree before anyone trades");

        (await h.Inner.Rest.PlaceOrderAsync(new NewOrder(Btc, "BUY", "MARKET", "manual-drift", 0.3m))).IsSuccess.Should().BeTrue();
        var first = h.ReconcileNow();
        first.DriftByKind.Should().ContainKey("position_qty").WhoseValue.Should().Be(1);
        first.DriftPaused.Should().BeFalse("one check alone can be a race");

        var line = JsonDocument.Parse(File.ReadLines(h.DriftFile).First()).RootElement;
        line.GetProperty("kind").GetString().Should().Be("position_qty");
        line.GetProperty("symbol").GetString().Should().Be(Btc);
        line.GetProperty("venue_id").GetString().Should().Be("sim");
        line.GetProperty("internal").GetDecimal().Should().Be(0m);
        line.GetProperty("venue").GetDecimal().Should().Be(0.3m);
        line.GetProperty("severity").GetString().Should().Be("critical");

        h.ReconcileNow().DriftPaused.Should().BeTrue();
        h.Bot.FishForMessage<RaisePause>(m => m.Reason == PauseReason.ReconcileDrift("sim"), Wait);
        File.ReadLines(h.DriftFile).Count().Should().Be(2);

        (await h.Inner.Rest.PlaceOrderAsync(new NewOrder(Btc, "SELL", "MARKET", "manual-flat", 0.3m, ReduceOnly: true))).IsSuccess.Should().BeTrue();
        h.ReconcileNow().DriftPaused.Should().BeFalse();
        h.Bot.FishForMessage<ClearPause>(m => m.Reason == PauseReason.ReconcileDrift("sim"), Wait);
        h.Status().DriftByKind["position_qty"].Should().Be(2, "the clean check wrote nothing");
    }

    [Fact(DisplayName = "Leverage and margin type are set per symbol at start; a symbol the venue refuses is paused for entries (AccountSetup)")]
    public async Task LeverageAndMarginType()
    {
        await using var h = await AccountHarness.StartAsync(symbols: [Btc, "NOPEUSDT"], leverage: 7, margin: MarginType.Isolated);
        h.Inner.Kit.AwaitAssert(() => h.Status().Setup.Should().HaveCount(2), Wait);
        h.Inner.Host.Engine.MarginSettings(Btc).Should().Be((7, "isolated"));
        var setup = h.Status().Setup;
        setup.Single(s => s.Symbol == Btc).Status.Should().Be("ok");
        setup.Single(s => s.Symbol == "NOPEUSDT").Status.Should().Contain("-1121");
        h.Bot.FishForMessage<RaisePause>(m => m.Reason == PauseReason.AccountSetup("NOPEUSDT"), Wait);

        // The venue's "No need to change margin type." (−4046) is success for the client.
        var again = await h.Inner.Rest.SetMarginTypeAsync(Btc, "ISOLATED");
        again.IsSuccess.Should().BeTrue();
        again.Value!.Code.Should().Be(-4046);
        (await h.Inner.Rest.SetLeverageAsync(Btc, 200)).Error!.Code.Should().Be(-4028);
    }
}
