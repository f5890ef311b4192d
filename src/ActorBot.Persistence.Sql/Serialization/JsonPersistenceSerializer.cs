using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ActorBot.Persistence.Sql.Serialization;

/// <summary>
/// System.Text.Json for events and snapshots under the stable manifests of <see cref="PersistenceManifests"/>.
/// A row whose manifest is no longer registered is read through the <see cref="IJsonMigration"/> chain that starts at
/// it. Independent of Akka so it can be tested and benchmarked alone; <see cref="ActorBotJsonSerializer"/> plugs it in.
/// </summary>
public sealed class JsonPersistenceSerializer
{
    /// <summary>Written to the <c>identifier</c> / <c>serializer_id</c> columns (Akka reserves 0..100 for its own serializers).</summary>
    public const int SerializerId = 4701;

    private const int MaxMigrationSteps = 32;

    private readonly JsonSerializerOptions _options;
    private readonly Dictionary<string, IJsonMigration> _migrations;

    public JsonPersistenceSerializer(PersistenceManifests manifests, IEnumerable<IJsonMigration>? migrations = null, JsonSerializerOptions? options = null)
    {
        Manifests = manifests ?? throw new ArgumentNullException(nameof(manifests));

        // A copy: the caller's options stay theirs (options freeze on first use). Members declared object (envelopes)
        // go by manifest from the same registry; no persisted type has one, so the journal's JSON is unchanged.
        _options = options is null ? new JsonSerializerOptions(JsonSerializerDefaults.General) : new JsonSerializerOptions(options);
        _options.Converters.Add(new ManifestObjectJsonConverter(Manifests));
        _migrations = new Dictionary<string, IJsonMigration>(StringComparer.Ordinal);
        foreach (var migration in migrations ?? [])
        {
            if (!_migrations.TryAdd(migration.FromManifest, migration))
            {
                throw new ArgumentException($"two JSON migrations read manifest '{migration.FromManifest}'", nameof(migrations));
            }
        }
    }

    public PersistenceManifests Manifests { get; }

    /// <summary>
    /// The same manifests and migrations with <paramref name="converters"/> added first (e.g. actor refs, which need the
    /// actor system that <see cref="ActorBotJsonSerializer"/> is created with).
    /// </summary>
    public JsonPersistenceSerializer WithConverters(params JsonConverter[] converters)
    {
        ArgumentNullException.ThrowIfNull(converters);
        var options = new JsonSerializerOptions(_options);
        options.Converters.Clear();
        foreach (var converter in converters.Concat(_options.Converters.Where(c => c is not ManifestObjectJsonConverter)))
        {
            options.Converters.Add(converter);
        }

        return new JsonPersistenceSerializer(Manifests, _migrations.Values, options);
    }

    /// <summary>The stable manifest of <paramref name="type"/>; a type without one is a typed error naming it.</summary>
    public string ManifestOf(Type type) =>
        Manifests.TryGetManifest(type, out var manifest)
            ? manifest
            : throw new PersistenceSerializationException(type.FullName ?? type.Name, $"{type.FullName} has no persistence manifest; register it in PersistenceManifests");

    public byte[] Serialize(object value, out string manifest)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value.GetType();
        manifest = ManifestOf(type);
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(value, type, _options);
        }
        catch (Exception exception) when (exception is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw new PersistenceSerializationException(manifest, $"cannot write {manifest} as JSON: {exception.Message}", exception);
        }
    }

    public object Deserialize(ReadOnlySpan<byte> payload, string manifest)
    {
        try
        {
            if (!_migrations.ContainsKey(manifest))
            {
                return JsonSerializer.Deserialize(payload, Resolve(manifest), _options)
                    ?? throw new PersistenceSerializationException(manifest, $"stored payload of {manifest} is JSON null");
            }

            var node = JsonNode.Parse(payload);
            var current = manifest;
            for (var step = 0; _migrations.TryGetValue(current, out var migration); step++)
            {
                if (step == MaxMigrationSteps)
                {
                    throw new PersistenceSerializationException(manifest, $"JSON migrations from {manifest} loop (more than {MaxMigrationSteps} steps)");
                }

                node = migration.Migrate(node);
                current = migration.ToManifest;
            }

            return node.Deserialize(Resolve(current), _options)
                ?? throw new PersistenceSerializationException(manifest, $"migrated payload of {manifest} is JSON null");
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new PersistenceSerializationException(manifest, $"stored payload of {manifest} is not readable: {exception.Message}", exception);
        }
    }

    private Type Resolve(string manifest) =>
        Manifests.TryGetType(manifest, out var type)
            ? type
            : throw new PersistenceSerializationException(manifest, $"no type is registered for manifest '{manifest}' and no JSON migration reads it");
}
