using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorBot.Persistence.Sql.Serialization;

/// <summary>
/// System.Text.Json for events and snapshots. The manifest of a type is <c>"Namespace.Type, Assembly"</c>: no
/// version or key token, so it survives rebuilds and upgrades; a type that is renamed or reshaped keeps its old
/// rows readable through an <see cref="IJsonMigration"/> registered for the old manifest.
/// </summary>
public sealed class JsonPersistenceSerializer
{
    /// <summary>Written to the <c>identifier</c> / <c>serializer_id</c> columns (Akka reserves 0..100 for its own serializers).</summary>
    public const int SerializerId = 4701;

    private const int MaxMigrationSteps = 32;

    private readonly JsonSerializerOptions _options;
    private readonly Dictionary<string, IJsonMigration> _migrations;
    private readonly ConcurrentDictionary<Type, string> _manifests = new();
    private readonly ConcurrentDictionary<string, Type?> _types = new(StringComparer.Ordinal);

    public JsonPersistenceSerializer(IEnumerable<IJsonMigration>? migrations = null, JsonSerializerOptions? options = null)
    {
        _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.General);
        _migrations = new Dictionary<string, IJsonMigration>(StringComparer.Ordinal);
        foreach (var migration in migrations ?? [])
        {
            if (!_migrations.TryAdd(migration.FromManifest, migration))
            {
                throw new ArgumentException($"two JSON migrations read manifest '{migration.FromManifest}'", nameof(migrations));
            }
        }
    }

    public static JsonPersistenceSerializer Default { get; } = new();

    /// <summary>The stable manifest of <paramref name="type"/>.</summary>
    public string ManifestOf(Type type) =>
        _manifests.GetOrAdd(type, static t => $"{t.FullName}, {t.Assembly.GetName().Name}");

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

    public object Deserialize(byte[] payload, string manifest)
    {
        try
        {
            if (!_migrations.ContainsKey(manifest))
            {
                var type = Resolve(manifest);
                return JsonSerializer.Deserialize(payload, type, _options)
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
        _types.GetOrAdd(manifest, static m => Type.GetType(m, throwOnError: false))
        ?? throw new PersistenceSerializationException(manifest, $"no type matches manifest '{manifest}' and no JSON migration reads it");
}
