using ActorBot.Domain.ShockFlip;
using ActorBot.Engine.Symbols;
using ActorBot.Models.Registry;
using Akka.Actor;

namespace ActorBot.Engine.Tests.Replay;

/// <summary>/trader journals its trades: a restarted trader with the same PersistenceId finishes the open trade.</summary>
public sealed class TraderRecoveryTests : Akka.TestKit.Xunit2.TestKit
{
    [Fact(DisplayName = "A trader stopped with an open trade recovers it from the journal and closes it on the same bar with the same R")]
    public void RecoversOpenTrade()
    {
        var replay = ReplayFixture.ShippedResult;
        var config = replay.Config;
        using var registry = ModelRegistry.Load(config.RegistryDirectory, SnapFeatureVector.Schema);
        var settings = new SymbolPipelineSettings(config.Detector, ModelCutPoints.For(registry.Active.Descriptor),
            new Domain.Models.MetaRouter(registry.Active, registry.Shadow, config.MinProb, SnapFeatureVector.Schema),
            config.Geometry, 1, config.Fills, TimeSpan.Zero, TestActor);
        var expected = replay.Records.Trades[0];
        var signal = replay.Records.Signals.Single(s => s.EventId == expected.Trade.EventId);
        var bars = replay.Records.Bars;
        var at = bars.ToList().FindIndex(b => b.OpenTimeMs == signal.Signal.Event.TimestampMs);

        var trader = Sys.ActorOf(Props.Create(() => new TraderActor(config.Symbol, settings)), "trader-1");
        trader.Tell(new BarAnalysed(config.Symbol, bars[at], signal.Signal, signal.Decision, signal.EventId));
        ExpectMsg<SignalRecord>().Action.Should().Be(EntryAction.Opened);
        Watch(trader);
        Sys.Stop(trader);
        ExpectTerminated(trader);

        var recovered = Sys.ActorOf(Props.Create(() => new TraderActor(config.Symbol, settings)), "trader-2");
        var i = at + 1;
        TradeRecord? closed = null;
        while (closed is null && i < bars.Count)
        {
            recovered.Tell(new BarAnalysed(config.Symbol, bars[i++], null, null, null));
            recovered.Tell(new PipelineMark(TestActor));
            var reply = ExpectMsg<object>();
            if (reply is TradeRecord t)
            {
                closed = t;
                ExpectMsg<PipelineDrained>();
            }
        }

        closed.Should().NotBeNull();
        closed!.Trade.EventId.Should().Be(expected.Trade.EventId);
        closed.Trade.Outcome.Should().Be(expected.Trade.Outcome);
        closed.Fill.Should().Be(expected.Fill);
    }
}
