using System.Text;
using System.Text.Json.Nodes;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Persistence.Tests.Serialization;

public sealed record ZoneCreatedV1(string Symbol, double Price);

public sealed record ZoneCreated(string Symbol, decimal Low, decimal High, int Version);

/// <summary>The migration a type change ships with: v1 held one price, v2 a band around it.</summary>
public sealed class ZoneCreatedV1ToV2 : IJsonMigration
{
    public string FromManifest => "zones.created.v1";

    public string ToManifest => "zones.created.v2";

    public JsonNode? Migrate(JsonNode? payload)
    {
        var price = payload!["Price"]!.GetValue<decimal>();
        return new JsonObject
        {
            ["Symbol"] = payload["Symbol"]!.GetValue<string>(),
            ["Low"] = price,
            ["High"] = price,
            ["Version"] = 2,
        };
    }
}

public sealed class JsonSerializerTests
{
    private static readonly PersistenceManifests Manifests = PersistenceManifests.Empty.Add<ZoneCreated>("zones.created.v2");

    [Fact(DisplayName = "The manifest is the registered stable string, not the CLR type name")]
    public void Manifest_is_stable()
    {
        new JsonPersistenceSerializer(Manifests).ManifestOf(typeof(ZoneCreated)).Should().Be("zones.created.v2");
    }

    [Fact(DisplayName = "A type without a registered manifest is a typed error naming it, never a silent fallback")]
    public void Unregistered_type()
    {
        var act = () => new JsonPersistenceSerializer(Manifests).Serialize(new ZoneCreatedV1("X", 1), out _);

        act.Should().Throw<PersistenceSerializationException>().WithMessage("*ZoneCreatedV1*");
    }

    [Fact(DisplayName = "Two types on one manifest, or one type on two, are refused when registering")]
    public void Duplicate_manifests()
    {
        var sameManifest = () => Manifests.Add<ZoneCreatedV1>("zones.created.v2");
        var sameType = () => Manifests.Add<ZoneCreated>("zones.other");

        sameManifest.Should().Throw<ArgumentException>();
        sameType.Should().Throw<ArgumentException>();
    }

    [Fact(DisplayName = "An event round-trips through JSON under its manifest")]
    public void Round_trip()
    {
        var serializer = new JsonPersistenceSerializer(Manifests);
        var bytes = serializer.Serialize(new ZoneCreated("BTCUSDT", 100.5m, 101.25m, 2), out var manifest);

        serializer.Deserialize(bytes, manifest).Should().Be(new ZoneCreated("BTCUSDT", 100.5m, 101.25m, 2));
    }

    [Fact(DisplayName = "A payload stored under an old manifest is read as the new type through its migration")]
    public void Migration_reads_old_manifest()
    {
        var serializer = new JsonPersistenceSerializer(Manifests, [new ZoneCreatedV1ToV2()]);
        var old = Encoding.UTF8.GetBytes("""{"Symbol":"ETHUSDT","Price":2500.5}""");

        var read = serializer.Deserialize(old, "zones.created.v1");

        read.Should().Be(new ZoneCreated("ETHUSDT", 2500.5m, 2500.5m, 2));
    }

    [Fact(DisplayName = "An unknown manifest gives a typed error naming the manifest")]
    public void Unknown_manifest()
    {
        var act = () => new JsonPersistenceSerializer(Manifests).Deserialize(Encoding.UTF8.GetBytes("{}"), "no.such.manifest");

        act.Should().Throw<PersistenceSerializationException>()
            .Where(e => e.Manifest == "no.such.manifest" && e.Message.Contains("no.such.manifest"));
    }

    [Fact(DisplayName = "A malformed payload gives a typed error, not a crash")]
    public void Malformed_payload()
    {
        var act = () => new JsonPersistenceSerializer(Manifests).Deserialize(Encoding.UTF8.GetBytes("{\"Symbol\":"), "zones.created.v2");

        act.Should().Throw<PersistenceSerializationException>().Which.Manifest.Should().Be("zones.created.v2");
    }

    [Fact(DisplayName = "A value JSON cannot write is rejected with a typed error")]
    public void Unwritable_value()
    {
        var serializer = new JsonPersistenceSerializer(PersistenceManifests.Empty.Add<ZoneCreatedV1>("zones.created.v1"));
        var act = () => serializer.Serialize(new ZoneCreatedV1("X", double.NaN), out _);

        act.Should().Throw<PersistenceSerializationException>();
    }
}
