using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorBot.Persistence.Sql.Serialization;

/// <summary>
/// A member declared <see cref="object"/> (an envelope's inner message) as <c>{"manifest": m, "payload": …}</c>, the
/// payload written as its runtime type under that type's stable manifest from the same registry, and read back as the
/// type the manifest names. A value whose type has no manifest is a typed error naming it, never a CLR type name on the
/// wire. Members of other declared types are untouched (no persisted event has an <see cref="object"/> member).
/// </summary>
public sealed class ManifestObjectJsonConverter : JsonConverter<object>
{
    private const string ManifestProperty = "manifest";
    private const string PayloadProperty = "payload";

    private readonly PersistenceManifests _manifests;

    public ManifestObjectJsonConverter(PersistenceManifests manifests)
    {
        _manifests = manifests ?? throw new ArgumentNullException(nameof(manifests));
    }

    public override object Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Parsed whole first, so the two properties may come in either order.
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty(ManifestProperty, out var manifestElement)
            || manifestElement.ValueKind != JsonValueKind.String
            || !root.TryGetProperty(PayloadProperty, out var payload))
        {
            throw new JsonException($"an embedded message is {{\"{ManifestProperty}\": string, \"{PayloadProperty}\": …}}, got {root.ValueKind}");
        }

        var manifest = manifestElement.GetString()!;
        if (!_manifests.TryGetType(manifest, out var type))
        {
            throw new PersistenceSerializationException(manifest, $"embedded message has manifest '{manifest}', which no type is registered for");
        }

        return payload.Deserialize(type, options)
            ?? throw new PersistenceSerializationException(manifest, $"embedded payload of {manifest} is JSON null");
    }

    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
    {
        var type = value.GetType();
        if (!_manifests.TryGetManifest(type, out var manifest))
        {
            throw new PersistenceSerializationException(type.FullName ?? type.Name, $"embedded message {type.FullName} has no manifest; register it (ClusterMessages)");
        }

        writer.WriteStartObject();
        writer.WriteString(ManifestProperty, manifest);
        writer.WritePropertyName(PayloadProperty);
        JsonSerializer.Serialize(writer, value, type, options);
        writer.WriteEndObject();
    }
}
