using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ActorBot.Persistence.Sql.Serialization;

/// <summary>
/// Our serializer as Akka sees it: <see cref="JsonPersistenceSerializer"/> behind Akka's string-manifest contract, so
/// the journal and snapshot rows carry <see cref="JsonPersistenceSerializer.SerializerId"/> and our stable manifest.
/// Akka builds it by reflection from <c>akka.actor.serializers</c>; the manifests and migrations come from the
/// <see cref="PersistenceSerializerSetup"/> the actor system was created with. It serves the journal and the wire
/// (messages between cluster nodes) alike.
/// </summary>
public sealed class ActorBotJsonSerializer : SerializerWithStringManifest
{
    /// <summary>The name under <c>akka.actor.serializers</c>.</summary>
    public const string Name = "actorbot-json";

    private readonly JsonPersistenceSerializer _json;

    public ActorBotJsonSerializer(ExtendedActorSystem system)
        : base(system)
    {
        var setup = system.Settings.Setup.Get<PersistenceSerializerSetup>();
        // Actor refs inside messages (reply-to) are resolved through this system, so the converter is added here.
        _json = setup.HasValue
            ? setup.Value.Serializer.WithConverters(new ActorRefJsonConverter(system))
            : throw new ConfigurationException(
                $"{Name} is registered but the actor system has no {nameof(PersistenceSerializerSetup)}: pass one in the ActorSystemSetup (Akka.Hosting: AddSetup)");
    }

    public override int Identifier => JsonPersistenceSerializer.SerializerId;

    public override byte[] ToBinary(object obj) => _json.Serialize(obj, out _);

    public override object FromBinary(byte[] bytes, string manifest) => _json.Deserialize(bytes, manifest);

    public override string Manifest(object o) => _json.ManifestOf(o.GetType());
}
