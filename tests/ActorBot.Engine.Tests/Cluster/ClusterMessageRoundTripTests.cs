using System.Text;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Cluster;
using ActorBot.Engine.Trading;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Account;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Persistence.Sql.Serialization;
using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace ActorBot.Engine.Tests.Cluster;

/// <summary>
/// Every cross-node message through the actor system's serialization and back: the same value, envelopes carrying
/// their inner message by manifest (never a CLR type name), and a reply-to that resolves to the very actor it named.
/// </summary>
public sealed class ClusterMessageRoundTripTests : TestKit
{
    public ClusterMessageRoundTripTests()
        : base(ClusterWire.Setup())
    {
    }

    [Fact(DisplayName = "Every listed cluster message round-trips through system.Serialization to an equal value")]
    public void EveryMessageRoundTrips()
    {
        foreach (var message in ClusterMessageSamples.All(TestActor))
        {
            var (back, bytes, _) = ClusterWire.RoundTrip(Sys, message);
            back.Should().BeOfType(message.GetType());
            if (message is BotStatus or ExecutionStatus or AccountStatus)
            {
                // Member by member: the lists and maps inside the status answers are new instances after reading.
                back.Should().BeEquivalentTo(message, o => o.ComparingRecordsByMembers().RespectingRuntimeTypes(), message.GetType().Name);
            }
            else
            {
                back.Should().Be(message);
            }

            // Written again, the read value gives the same bytes: nothing was dropped or defaulted on the way back.
            ClusterWire.RoundTrip(Sys, back).Bytes.Should().Equal(bytes, message.GetType().Name);
            Encoding.UTF8.GetString(bytes).Should().NotContain("$type", "no CLR type names on the wire");
        }
    }

    [Fact(DisplayName = "ToSymbol wrapping each trading message round-trips equal, the inner message written under its manifest")]
    public void ToSymbolCarriesEveryTradingMessage()
    {
        foreach (var inner in ClusterMessageSamples.Trading(TestActor))
        {
            var envelope = new ToSymbol("binance", "BTCUSDT", inner);
            var (back, bytes, manifest) = ClusterWire.RoundTrip(Sys, envelope);
            manifest.Should().Be("cluster.to-symbol");
            back.Should().Be(envelope, inner.GetType().Name);
            ((ToSymbol)back).Message.Should().BeOfType(inner.GetType());

            ClusterMessages.Manifests.TryGetManifest(inner.GetType(), out var innerManifest).Should().BeTrue();
            Encoding.UTF8.GetString(bytes).Should().Contain($"\"manifest\":\"{innerManifest}\"");
        }
    }

    [Fact(DisplayName = "AskVenue wrapping each venue query round-trips equal")]
    public void AskVenueCarriesItsQuery()
    {
        object[] queries = [GetExecutionStatus.Instance, GetAccountStatus.Instance, GetVenueHealth.Instance, new CancelAll(false, TestActor)];
        foreach (var query in queries)
        {
            var ask = new AskVenue("binance", query);
            var (back, _, manifest) = ClusterWire.RoundTrip(Sys, ask);
            manifest.Should().Be("cluster.ask-venue");
            back.Should().Be(ask, query.GetType().Name);
        }
    }

    [Fact(DisplayName = "A reply-to inside a message resolves back to the same actor, and a reply through it arrives")]
    public void ReplyToResolvesToTheSameActor()
    {
        var probe = CreateTestProbe();
        var intent = (TradeIntent)ClusterMessageSamples.Trading(probe.Ref)[0];
        var back = (TradeIntent)ClusterWire.RoundTrip(Sys, intent).Back;

        back.ReplyTo.Should().Be(probe.Ref);
        back.ReplyTo.Path.Should().Be(probe.Ref.Path);
        back.ReplyTo.Path.Uid.Should().Be(probe.Ref.Path.Uid, "the path carries the uid, so a restarted actor of the same name is not it");
        back.ReplyTo.Tell(new TradeRejected(back.Symbol, back.EventId, "test", "through the resolved ref"));
        probe.ExpectMsg<TradeRejected>(r => r.EventId == intent.EventId);
    }

    [Fact(DisplayName = "An envelope around a message with no manifest is a typed error naming the inner type")]
    public void EnvelopeWithUnlistedMessageFails()
    {
        var envelope = new ToSymbol("binance", "BTCUSDT", new Unlisted(1));
        var serializer = Sys.Serialization.FindSerializerFor(envelope);
        var act = () => serializer.ToBinary(envelope);
        act.Should().Throw<PersistenceSerializationException>().WithMessage($"*{nameof(Unlisted)}*has no manifest*");
    }

    [Fact(DisplayName = "An envelope naming an unknown inner manifest is a typed error, not a crash")]
    public void EnvelopeWithUnknownManifestFails()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"Venue":"binance","Symbol":"BTCUSDT","Message":{"manifest":"trading.no-such","payload":{}}}""");
        var act = () => Sys.Serialization.Deserialize(bytes, JsonPersistenceSerializer.SerializerId, "cluster.to-symbol");
        act.Should().Throw<PersistenceSerializationException>().WithMessage("*trading.no-such*");
    }

    private sealed record Unlisted(int Value);
}
