using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Engine.Persistence;

/// <summary>Enums in snapshots are stored by name; reading one back accepts the exact name only.</summary>
public static class SnapshotEnums
{
    /// <summary>The enum value named <paramref name="name"/>; a number or an unknown name is a typed error, never a silent default.</summary>
    public static T Parse<T>(string manifest, string name)
        where T : struct, Enum =>
        !string.IsNullOrEmpty(name) && !char.IsAsciiDigit(name[0]) && name[0] != '-'
            && Enum.TryParse<T>(name, ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : throw new PersistenceSerializationException(manifest, $"snapshot holds \"{name}\", which is not a {typeof(T).Name}");
}
