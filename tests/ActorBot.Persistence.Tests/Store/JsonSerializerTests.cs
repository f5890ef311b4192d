using System.Text;
using System.Text.Json.Nodes;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Persistence.Tests.Store;

public sealed record ZoneCreatedV1(string Symbol, double Price);

public sealed record ZoneCreated(string Symbol, decimal Low, decimal High, int Version);

/// <summary>The migration a type change ships with: v1 held one price, v2 a band around it.</summary>
public sealed class ZoneCreatedV1ToV2 : IJsonMigration
{
    public string FromManifest => "ActorBot.Persistence.Tests.Store.ZoneCreatedV0, ActorBot.Persistence.Tests";

    public string ToManifest => JsonPersistenceSerializer.Default.ManifestOf(typeof(ZoneCreated));

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
    [Fact(DisplayName = "The manifest is the type's full name and assembly name, without version")]
    public void Manifest_is_stable()
    {
        JsonPersistenceSerializer.Default.ManifestOf(typeof(ZoneCreated))
            .Should().Be("ActorBot.Persistence.Tests.Store.ZoneCreated, ActorBot.Persistence.Tests");
    }

    [Fact(DisplayName = "An event round-trips through JSON under its manifest")]
    public void Round_trip()
    {
        var serializer = new JsonPersistenceSerializer();
        var bytes = serializer.Serialize(new ZoneCreated("BTCUSDT", 100.5m, 101.25m, 2), out var manifest);

        serializer.Deserialize(bytes, manifest).Should().Be(new ZoneCreated("BTCUSDT", 100.5m, 101.25m, 2));
    }

    [Fact(DisplayName = "A payload stored under an old manifest is read as the new type through its migration")]
    public void Migration_reads_old_manifest()
    {
        var serializer = new JsonPersistenceSerializer([new ZoneCreatedV1ToV2()]);
        var old = Encoding.UTF8.GetBytes("""{"Symbol":"ETHUSDT","Price":2500.5}""");

        var read = serializer.Deserialize(old, "ActorBot.Persistence.Tests.Store.ZoneCreatedV0, ActorBot.Persistence.Tests");

        read.Should().Be(new ZoneCreated("ETHUSDT", 2500.5m, 2500.5m, 2));
    }

    [Fact(DisplayName = "An unknown manifest gives a typed error naming the manifest")]
    public void Unknown_manifest()
    {
        var act = () => JsonPersistenceSerializer.Default.Deserialize(Encoding.UTF8.GetBytes("{}"), "No.Such.Type, Nowhere");

        act.Should().Throw<PersistenceSerializationException>()
            .Where(e => e.Manifest == "No.Such.Type, Nowhere" && e.Message.Contains("No.Such.Type"));
    }

    [Fact(DisplayName = "A malformed payload gives a typed error, not a crash")]
    public void Malformed_payload()
    {
        var manifest = JsonPersistenceSerializer.Default.ManifestOf(typeof(ZoneCreated));
        var act = () => JsonPersistenceSerializer.Default.Deserialize(Encoding.UTF8.GetBytes("{\"Symbol\":"), manifest);

        act.Should().Throw<PersistenceSerializationException>().Which.Manifest.Should().Be(manifest);
    }

    [Fact(DisplayName = "A value JSON cannot write is rejected with a typed error")]
    public void Unwritable_value()
    {
        var act = () => JsonPersistenceSerializer.Default.Serialize(new ZoneCreatedV1("X", double.NaN), out _);

        act.Should().Throw<PersistenceSerializationException>();
    }
}
