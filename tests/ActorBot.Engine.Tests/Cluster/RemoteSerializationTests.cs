using ActorBot.Engine.Cluster;
using ActorBot.Engine.Trading;
using ActorBot.Persistence.Sql.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Akka.TestKit.Xunit2;

namespace ActorBot.Engine.Tests.Cluster;

/// <summary>
/// Two real actor systems talking over Akka.Remote (TCP on 127.0.0.1, ephemeral ports): system A sends a
/// <see cref="TradeIntent"/> whose reply-to is a probe in A to an actor in B; B answers that reply-to with
/// <see cref="TradeRejected"/>. The reply arriving proves the intent crossed with our serializer and its reply-to came
/// out as a working remote ref. <c>System.Object</c> is bound to <see cref="ForbiddenSerializer"/>, so anything that
/// would have fallen through to Newtonsoft is refused and recorded instead.
/// </summary>
public sealed class RemoteSerializationTests : TestKit
{
    private static readonly Config Remote = ConfigurationFactory.ParseString($$"""
        akka.actor.provider = remote
        akka.actor.serialize-messages = off
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.actor.serializers.{{ForbiddenSerializer.Name}} = "{{typeof(ForbiddenSerializer).FullName}}, {{typeof(ForbiddenSerializer).Assembly.GetName().Name}}"
        akka.actor.serialization-bindings { "System.Object" = {{ForbiddenSerializer.Name}} }
        """);

    private readonly ActorSystem _b;

    public RemoteSerializationTests()
        : base(ClusterWire.Setup(Remote), $"remote-a-{Guid.NewGuid():N}")
    {
        _b = ActorSystem.Create($"remote-b-{Guid.NewGuid():N}", ClusterWire.Setup(Remote));
    }

    [Fact(DisplayName = "A TradeIntent crosses to another actor system over TCP with our serializer; its reply-to reaches the probe in A")]
    public void IntentAndReplyCrossNodes()
    {
        foreach (var system in new[] { Sys, _b })
        {
            Serializer(system, typeof(TradeIntent)).Should().BeOfType<ActorBotJsonSerializer>();
            Serializer(system, typeof(TradeRejected)).Should().BeOfType<ActorBotJsonSerializer>();
            Serializer(system, typeof(ToSymbol)).Should().BeOfType<ActorBotJsonSerializer>();

            // The guard is in place: an unbound type would reach the forbidden serializer, not Newtonsoft.
            Serializer(system, typeof(Unbound)).Should().BeOfType<ForbiddenSerializer>();
        }

        _b.ActorOf(Props.Create(() => new RejectingRisk()), "risk");
        var bAddress = ((ExtendedActorSystem)_b).Provider.DefaultAddress;
        var aAddress = ((ExtendedActorSystem)Sys).Provider.DefaultAddress;
        bAddress.Port.Should().NotBe(aAddress.Port, "two systems, two sockets");
        var risk = Sys.ActorSelection(new RootActorPath(bAddress) / "user" / "risk");

        var trader = CreateTestProbe();
        var intent = new TradeIntent("binance", "BTCUSDT", "evt-remote-1", 1_778_200_000_123, 1, 101_234.5m, 100_000m, 103_000m, trader.Ref);
        risk.Tell(intent);
        var rejected = trader.ExpectMsg<TradeRejected>(TimeSpan.FromSeconds(8));
        rejected.Should().Be(new TradeRejected("BTCUSDT", "evt-remote-1", "remote_test", $"reply-to {trader.Ref.Path.ToStringWithAddress(aAddress)}"));

        // The envelope too: B unwraps the intent and answers the same way.
        risk.Tell(new ToSymbol("binance", "ETHUSDT", intent with { Symbol = "ETHUSDT", EventId = "evt-remote-2" }));
        trader.ExpectMsg<TradeRejected>(TimeSpan.FromSeconds(8)).EventId.Should().Be("evt-remote-2");

        ForbiddenSerializer.Used.TryGetValue(Sys.Name, out var inA).Should().BeFalse($"nothing reached the default serializer in A: {string.Join(", ", inA ?? [])}");
        ForbiddenSerializer.Used.TryGetValue(_b.Name, out var inB).Should().BeFalse($"nothing reached the default serializer in B: {string.Join(", ", inB ?? [])}");
    }

    protected override void AfterAll()
    {
        _b.Terminate().Wait(TimeSpan.FromSeconds(10));
        base.AfterAll();
    }

    private static Serializer Serializer(ActorSystem system, Type type) => system.Serialization.FindSerializerForType(type);

    private sealed record Unbound(int Value);

    // Stands in for the risk singleton on the other node: answers every intent's reply-to with a rejection that says
    // which path it resolved (a remote one, with A's address).
    private sealed class RejectingRisk : ReceiveActor
    {
        public RejectingRisk()
        {
            Receive<TradeIntent>(Reject);
            Receive<ToSymbol>(m => m.Message is TradeIntent intent, m => Reject((TradeIntent)m.Message));
        }

        private static void Reject(TradeIntent intent) =>
            intent.ReplyTo.Tell(new TradeRejected(intent.Symbol, intent.EventId, "remote_test", $"reply-to {intent.ReplyTo.Path}"));
    }
}
