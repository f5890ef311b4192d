namespace ActorBot.Persistence.Sql.Serialization;

/// <summary>
/// The stable manifest of every persisted event and snapshot type: a short string chosen once (for example
/// <c>"trader.trade-opened"</c>) and written with each row. It is not derived from the CLR name, so a type can be
/// renamed or moved without touching stored rows; a reshaped type gets a new manifest plus an <see cref="IJsonMigration"/>
/// from the old one. Immutable: <see cref="Add{T}"/> returns a new registry.
/// </summary>
public sealed class PersistenceManifests
{
    private readonly Dictionary<Type, string> _byType;
    private readonly Dictionary<string, Type> _byManifest;
    private readonly HashSet<Type> _markers;

    private PersistenceManifests(Dictionary<Type, string> byType, Dictionary<string, Type> byManifest, HashSet<Type> markers)
    {
        _byType = byType;
        _byManifest = byManifest;
        _markers = markers;
    }

    public static PersistenceManifests Empty { get; } = new([], new Dictionary<string, Type>(StringComparer.Ordinal), []);

    /// <summary>Every registered type: these get a serialization binding to our serializer.</summary>
    public IReadOnlyCollection<Type> Types => _byType.Keys;

    /// <summary>
    /// Marker interfaces (like <see cref="IPersisted"/>) also bound to our serializer, so a type that carries one but has
    /// no manifest fails loudly naming itself instead of reaching Akka's reflection-based default.
    /// </summary>
    public IReadOnlyCollection<Type> Markers => _markers;

    /// <summary>Binds the marker interface <typeparamref name="TMarker"/> too (see <see cref="Markers"/>).</summary>
    public PersistenceManifests AddMarker<TMarker>()
    {
        var marker = typeof(TMarker);
        if (!marker.IsInterface)
        {
            throw new ArgumentException($"{marker.Name} is not an interface; a marker binds every type that implements it", nameof(TMarker));
        }

        return new PersistenceManifests(_byType, _byManifest, [.. _markers, marker]);
    }

    public PersistenceManifests Add<T>(string manifest) => Add(typeof(T), manifest);

    public PersistenceManifests Add(Type type, string manifest)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (string.IsNullOrWhiteSpace(manifest) || manifest.Length > 500)
        {
            // 500 is the width of the manifest column in the plugin's tables.
            throw new ArgumentException($"the manifest of {type.Name} must be 1..500 characters", nameof(manifest));
        }

        if (_byType.TryGetValue(type, out var existing))
        {
            throw new ArgumentException($"{type.Name} already has manifest '{existing}'", nameof(type));
        }

        if (_byManifest.TryGetValue(manifest, out var other))
        {
            throw new ArgumentException($"manifest '{manifest}' is already used by {other.Name}", nameof(manifest));
        }

        return new PersistenceManifests(
            new Dictionary<Type, string>(_byType) { [type] = manifest },
            new Dictionary<string, Type>(_byManifest, StringComparer.Ordinal) { [manifest] = type },
            _markers);
    }

    /// <summary>Both registries in one; a type or manifest registered in both is an error, as with <see cref="Add"/>.</summary>
    public PersistenceManifests Merge(PersistenceManifests other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var merged = other._byType.Aggregate(this, (all, pair) => all.Add(pair.Key, pair.Value));
        return new PersistenceManifests(merged._byType, merged._byManifest, [.. _markers, .. other._markers]);
    }

    public bool TryGetManifest(Type type, out string manifest) => _byType.TryGetValue(type, out manifest!);

    public bool TryGetType(string manifest, out Type type) => _byManifest.TryGetValue(manifest, out type!);
}
