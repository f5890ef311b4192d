using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Persistence.Tests.Serialization;

/// <summary>An envelope: its inner message is declared object, as the cluster's shard envelope is.</summary>
public sealed record Envelope(string To, object Message);

/// <summary>A marker for wire messages, bound like <see cref="IPersisted"/>.</summary>
public interface IWireMessage;

/// <summary>
/// What the serializer adds for messages between nodes, on its own: an object member is written as
/// <c>{manifest, payload}</c> from the same registry (never a CLR name), extra converters keep the manifests and
/// migrations and leave an event's JSON byte for byte as it was, and marker interfaces are bound in the HOCON.
/// </summary>
public sealed class WireJsonTests
{
    private static readonly PersistenceManifests Manifests = PersistenceManifests.Empty
        .Add<ZoneCreated>("zones.created.v2")
        .Add<Envelope>("wire.envelope")
        .AddMarker<IWireMessage>();

    [Fact(DisplayName = "An object member is written as {manifest, payload} of its runtime type and read back as that type")]
    public void Envelope_by_manifest()
    {
        var serializer = new JsonPersistenceSerializer(Manifests);
        var envelope = new Envelope("BTCUSDT", new ZoneCreated("BTCUSDT", 100.5m, 101.25m, 2));

        var bytes = serializer.Serialize(envelope, out var manifest);

        Encoding.UTF8.GetString(bytes).Should().Be(
            """{"To":"BTCUSDT","Message":{"manifest":"zones.created.v2","payload":{"Symbol":"BTCUSDT","Low":100.5,"High":101.25,"Version":2}}}""");
        serializer.Deserialize(bytes, manifest).Should().Be(envelope);
    }

    [Fact(DisplayName = "An inner message without a manifest, or a malformed envelope, is a typed error")]
    public void Envelope_errors()
    {
        var serializer = new JsonPersistenceSerializer(Manifests);
        var unlisted = () => serializer.Serialize(new Envelope("X", new ZoneCreatedV1("X", 1)), out _);
        var notAnEnvelope = () => serializer.Deserialize(Encoding.UTF8.GetBytes("""{"To":"X","Message":42}"""), "wire.envelope");
        var unknown = () => serializer.Deserialize(Encoding.UTF8.GetBytes("""{"To":"X","Message":{"manifest":"nope","payload":{}}}"""), "wire.envelope");

        unlisted.Should().Throw<PersistenceSerializationException>().WithMessage("*ZoneCreatedV1*no manifest*");
        notAnEnvelope.Should().Throw<PersistenceSerializationException>().WithMessage("*wire.envelope*");
        unknown.Should().Throw<PersistenceSerializationException>().WithMessage("*nope*");
    }

    [Fact(DisplayName = "Added converters leave an event's JSON identical and keep the migrations")]
    public void Converters_keep_the_journal_format()
    {
        var plain = new JsonPersistenceSerializer(Manifests, [new ZoneCreatedV1ToV2()]);
        var wire = plain.WithConverters(new ShoutingStringConverter());
        var zone = new ZoneCreated("BTCUSDT", 100.5m, 101.25m, 2);

        // An added converter is really used, the envelope's inner message included (its manifest handling stays).
        Encoding.UTF8.GetString(wire.Serialize(new Envelope("to", zone), out _)).Should()
            .Be("""{"To":"TO","Message":{"manifest":"zones.created.v2","payload":{"Symbol":"BTCUSDT","Low":100.5,"High":101.25,"Version":2}}}""");

        // One for a type events never hold (as actor refs) leaves the event's bytes as they were.
        var refs = plain.WithConverters(new UnusedTypeConverter());
        refs.Serialize(zone, out var manifest).Should().Equal(plain.Serialize(zone, out _));
        manifest.Should().Be("zones.created.v2");
        refs.Deserialize(Encoding.UTF8.GetBytes("""{"Symbol":"ETHUSDT","Price":2500.5}"""), "zones.created.v1")
            .Should().Be(new ZoneCreated("ETHUSDT", 2500.5m, 2500.5m, 2), "the migration chain came along");
    }

    [Fact(DisplayName = "Marker interfaces are bound to our serializer next to IPersisted; markers survive a merge")]
    public void Markers_are_bound()
    {
        var merged = PersistenceManifests.Empty.Add<ZoneCreatedV1>("zones.created.v1").Merge(Manifests);
        merged.Markers.Should().Equal(typeof(IWireMessage));
        var hocon = PersistenceSerializerHocon.For(merged);

        hocon.Should().Contain($"\"{typeof(IWireMessage).FullName}, {typeof(IWireMessage).Assembly.GetName().Name}\" = {ActorBotJsonSerializer.Name}");
        hocon.Should().Contain($"\"{typeof(IPersisted).FullName}, ");
        var notAnInterface = () => PersistenceManifests.Empty.AddMarker<ZoneCreated>();
        notAnInterface.Should().Throw<ArgumentException>();
    }

    private sealed class ShoutingStringConverter : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToUpperInvariant());
    }

    private sealed class UnusedTypeConverter : JsonConverter<Uri>
    {
        public override Uri Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new JsonException("unused");

        public override void Write(Utf8JsonWriter writer, Uri value, JsonSerializerOptions options) => throw new JsonException("unused");
    }
}
