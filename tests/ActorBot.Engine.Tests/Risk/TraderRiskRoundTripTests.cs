using ActorBot.Domain.Risk;
using ActorBot.Domain.ShockFlip;
using ActorBot.Engine.Risk;
using ActorBot.Engine.Symbols;
using ActorBot.Engine.Tests.Replay;
using ActorBot.Engine.Trading;
using ActorBot.Models.Registry;
using Akka.Actor;
using Akka.TestKit;
using static ActorBot.Engine.Tests.Risk.RiskTestKit;

namespace ActorBot.Engine.Tests.Risk;

/// <summary>
/// The money path on the trader's side: a real /trader with an execution route, a real /risk, and a probe as the
/// venue's execution. Bars and signals are the bundled day's, as the replay recorded them.
/// </summary>
public sealed class TraderRiskRoundTripTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly TestProbe _execution;
    private readonly TestProbe _sink;
    private readonly string _symbol;
    private readonly List<SignalRecord> _takes;
    private readonly IReadOnlyList<Domain.Bars.Bar> _bars;
    private readonly SymbolPipelineSettings _settings;
    private readonly IActorRef _risk;

    public TraderRiskRoundTripTests()
        : base(VirtualTimeInMemory)
    {
        _execution = CreateTestProbe();
        _sink = CreateTestProbe();
        var replay = ReplayFixture.ShippedResult;
        var config = replay.Config;
        _symbol = config.Symbol;
        _bars = replay.Records.Bars;
        _takes = replay.Records.Signals.Where(s => s.Decision.Take).ToList();
        using var registry = ModelRegistry.Load(config.RegistryDirectory, SnapFeatureVector.Schema);
        _risk = Sys.ActorOf(Props.Create(() => new RiskActor(Settings(null, 100), _execution.Ref)), "risk");
        _settings = new SymbolPipelineSettings(config.Detector, ModelCutPoints.For(registry.Active.Descriptor),
            new Domain.Models.MetaRouter(registry.Active, registry.Shadow, config.MinProb, SnapFeatureVector.Schema),
            config.Geometry, 1, config.Fills, TimeSpan.Zero, _sink.Ref, new ExecutionRoute(_risk, "binance-usdm", 1));
    }

    private IActorRef StartTrader() => Sys.ActorOf(Props.Create(() => new TraderActor(_symbol, _settings)), "trader");

    private void Feed(IActorRef trader, SignalRecord signal) =>
        trader.Tell(new BarAnalysed(_symbol, _bars.Single(b => b.OpenTimeMs == signal.Signal.Event.TimestampMs), signal.Signal, signal.Decision, signal.EventId));

    [Fact(DisplayName = "trader → risk → execution → trader: opened on the fill at the fill price, closed on PositionClosed with R, risk's book follows")]
    public void RoundTrip()
    {
        Ready(_risk, _symbol);
        var trader = StartTrader();
        var take = _takes[0];
        var e = take.Signal.Event;
        Feed(trader, take);

        var place = _execution.ExpectMsg<PlaceEntry>(TimeSpan.FromSeconds(10));
        place.EventId.Should().Be(take.EventId);
        place.Side.Should().Be(e.Side);
        var r = _settings.Geometry.RiskKAtr * e.Features.Atr;
        ((double)place.StopPrice).Should().BeApproximately(e.Features.Bar.Close - (e.Side * _settings.Geometry.StopR * r), 0.1, "the stop is the barrier's, on the 0.1 tick");
        ((double)place.TakeProfitPrice).Should().BeApproximately(e.Features.Bar.Close + (e.Side * _settings.Geometry.TakeProfitR * r), 0.1);
        // Nothing is recorded as opened before the venue fills.
        _sink.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        var fill = (decimal)e.Features.Bar.Close + (e.Side * 5m);
        place.ReplyTo.Tell(new EntryFilled(_symbol, take.EventId, fill, place.Quantity));
        var opened = _sink.ExpectMsg<SignalRecord>(TimeSpan.FromSeconds(10));
        (opened.EventId, opened.Action, opened.Reason).Should().Be((take.EventId, EntryAction.Opened, null));
        place.ReplyTo.Tell(new BracketsPlaced(_symbol, take.EventId, place.StopPrice, place.TakeProfitPrice));

        // While the routed trade is open the trader's one-position rule holds without asking risk.
        Feed(trader, _takes[1]);
        _sink.ExpectMsg<SignalRecord>(TimeSpan.FromSeconds(10)).Action.Should().Be(EntryAction.SkippedPositionOpen);

        var exit = place.TakeProfitPrice;
        var pnl = e.Side * (exit - fill) * place.Quantity;
        place.ReplyTo.Tell(new PositionClosed(_symbol, take.EventId, exit, place.Quantity, pnl, "tp"));
        var closed = _sink.ExpectMsg<RoutedTradeRecord>(TimeSpan.FromSeconds(10));
        closed.EntryFill.Should().Be((double)fill);
        closed.RealizedPnl.Should().Be(pnl);
        closed.R.Should().BeApproximately(e.Side * ((double)exit - (double)fill) / r, 1e-9);
        closed.Reason.Should().Be("tp");

        var status = Status(_risk);
        status.OpenTradesBySymbol.Should().BeEmpty();
        status.RealisedPnlTodayUsd.Should().Be(pnl);
    }

    [Fact(DisplayName = "A risk refusal is recorded by the trader as skipped_risk_rejected with the drop reason; the slot is free again")]
    public void RejectionRecorded()
    {
        _risk.Tell(new EntriesPauseChanged(_symbol, false));
        var trader = StartTrader();
        Feed(trader, _takes[0]);
        var skipped = _sink.ExpectMsg<SignalRecord>(TimeSpan.FromSeconds(10));
        (skipped.Action, skipped.Reason).Should().Be((EntryAction.SkippedRiskRejected, DropReason.Warmup));
        _execution.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        _risk.Tell(new SymbolWarmChanged(_symbol, true));
        Feed(trader, _takes[1]);
        _execution.ExpectMsg<PlaceEntry>(TimeSpan.FromSeconds(10)).EventId.Should().Be(_takes[1].EventId);
    }

    [Fact(DisplayName = "A failed entry is recorded as skipped_entry_failed with execution's reason")]
    public void EntryFailedRecorded()
    {
        Ready(_risk, _symbol);
        var trader = StartTrader();
        Feed(trader, _takes[0]);
        var place = _execution.ExpectMsg<PlaceEntry>(TimeSpan.FromSeconds(10));
        place.ReplyTo.Tell(new EntryFailed(_symbol, place.EventId, "expired"));
        var skipped = _sink.ExpectMsg<SignalRecord>(TimeSpan.FromSeconds(10));
        (skipped.Action, skipped.Reason).Should().Be((EntryAction.SkippedEntryFailed, "expired"));
        Status(_risk).OpenTradesBySymbol.Should().BeEmpty();
    }

    [Fact(DisplayName = "A trader stopped with a routed trade open recovers it from its journal, asks execution how it is now, and closes it on the venue's PositionClosed")]
    public async Task RecoveredTraderClosesRoutedTrade()
    {
        Ready(_risk, _symbol);
        var trader = StartTrader();
        var take = _takes[0];
        Feed(trader, take);
        var place = _execution.ExpectMsg<PlaceEntry>(TimeSpan.FromSeconds(10));
        place.ReplyTo.Tell(new EntryFilled(_symbol, take.EventId, (decimal)take.Signal.Event.Features.Bar.Close, place.Quantity));
        _sink.ExpectMsg<SignalRecord>(TimeSpan.FromSeconds(10)).Action.Should().Be(EntryAction.Opened);
        (await trader.GracefulStop(TimeSpan.FromSeconds(10))).Should().BeTrue();

        var recovered = StartTrader();
        // It asks execution, through risk, whether the trade closed while it was away (an answer it may have missed).
        _execution.ExpectMsg<SyncTrade>(TimeSpan.FromSeconds(10)).Should().Be(new SyncTrade(_symbol, take.EventId));
        _execution.LastSender.Should().Be(_risk, "the answer comes back through risk, which frees the slot first");
        // The recovered routed trade still holds the symbol's one position slot.
        Feed(recovered, _takes[1]);
        _sink.ExpectMsg<SignalRecord>(TimeSpan.FromSeconds(10)).Action.Should().Be(EntryAction.SkippedPositionOpen);
        place.ReplyTo.Tell(new PositionClosed(_symbol, take.EventId, place.StopPrice, place.Quantity, -5m, "sl"));
        var closed = _sink.ExpectMsg<RoutedTradeRecord>(TimeSpan.FromSeconds(10));
        (closed.EventId, closed.Reason).Should().Be((take.EventId, "sl"));
        closed.R.Should().BeLessThan(0);
    }

    [Fact(DisplayName = "A routed trade at its horizon: the trader sends ClosePosition(horizon) through risk once, again only after the timeout; PositionClosed(horizon) closes it")]
    public void HorizonClosesRoutedTrade()
    {
        Ready(_risk, _symbol);
        var trader = StartTrader();
        var take = _takes[0];
        var e = take.Signal.Event;
        Feed(trader, take);
        var place = _execution.ExpectMsg<PlaceEntry>(TimeSpan.FromSeconds(10));
        var fill = (decimal)e.Features.Bar.Close;
        place.ReplyTo.Tell(new EntryFilled(_symbol, take.EventId, fill, place.Quantity));
        _sink.ExpectMsg<SignalRecord>(TimeSpan.FromSeconds(10)).Action.Should().Be(EntryAction.Opened);

        // The paper path's rule: bars that open at or after the decision count; the horizon's bar triggers the close.
        var horizon = _settings.Geometry.HorizonBars;
        var path = _bars.Where(b => b.OpenTimeMs >= e.DecisionTimeMs).Take(horizon + 3).ToList();
        path.Should().HaveCount(horizon + 3);
        foreach (var bar in path.Take(horizon - 1))
        {
            trader.Tell(new BarAnalysed(_symbol, bar, null, null, null));
        }

        _execution.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        trader.Tell(new BarAnalysed(_symbol, path[horizon - 1], null, null, null));
        _execution.ExpectMsg<ClosePosition>(TimeSpan.FromSeconds(10)).Should().Be(new ClosePosition(_symbol, take.EventId, "horizon"));
        _execution.LastSender.Should().Be(_risk, "risk passes the close on, so execution's answer comes back through it");

        // Later bars do not send it again; the timeout does.
        foreach (var bar in path.Skip(horizon))
        {
            trader.Tell(new BarAnalysed(_symbol, bar, null, null, null));
        }

        _execution.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        var scheduler = (TestScheduler)Sys.Scheduler;
        scheduler.Advance(ExecutionRoute.DefaultCloseRetry);
        _execution.ExpectMsg<ClosePosition>(TimeSpan.FromSeconds(10)).Should().Be(new ClosePosition(_symbol, take.EventId, "horizon"));

        var exit = fill + (e.Side * 3m);
        var pnl = e.Side * (exit - fill) * place.Quantity;
        place.ReplyTo.Tell(new PositionClosed(_symbol, take.EventId, exit, place.Quantity, pnl, "horizon"));
        var closed = _sink.ExpectMsg<RoutedTradeRecord>(TimeSpan.FromSeconds(10));
        (closed.EventId, closed.Reason, closed.RealizedPnl).Should().Be((take.EventId, "horizon", pnl));
        Status(_risk).OpenTradesBySymbol.Should().BeEmpty();

        // Answered: the timer is gone and nothing more is sent.
        scheduler.Advance(ExecutionRoute.DefaultCloseRetry + ExecutionRoute.DefaultCloseRetry);
        _execution.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact(DisplayName = "/shockflip tells risk the symbol is cold when it starts and warm once it has seen the warm-up bars")]
    public void ShockFlipReportsWarmUp()
    {
        var risk = CreateTestProbe();
        var settings = _settings with { Route = new ExecutionRoute(risk.Ref, "binance-usdm", 3) };
        var shockflip = Sys.ActorOf(Props.Create(() => new ShockFlipActor(_symbol, settings, _sink.Ref)));
        risk.ExpectMsg(new SymbolWarmChanged(_symbol, false));
        for (var i = 0; i < 5; i++)
        {
            shockflip.Tell(new BarClosed(_symbol, _bars[i]));
            if (i == 2)
            {
                risk.ExpectMsg(new SymbolWarmChanged(_symbol, true));
            }
        }

        _sink.ReceiveN(5, TimeSpan.FromSeconds(10));
        risk.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        ExecutionRoute.WarmupBarsFor(Domain.ShockFlip.ShockFlipParameters.Default).Should().Be(240);
    }
}
