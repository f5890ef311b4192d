using Akka.Actor.Setup;

namespace ActorBot.Persistence.Sql.Serialization;

/// <summary>Hands the manifests and migrations to <see cref="ActorBotJsonSerializer"/>, which Akka creates by reflection.</summary>
public sealed class PersistenceSerializerSetup : Setup
{
    public PersistenceSerializerSetup(JsonPersistenceSerializer serializer)
    {
        Serializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
    }

    public JsonPersistenceSerializer Serializer { get; }
}
