using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;

namespace ActorBot.Persistence.Sql.Serialization;

/// <summary>
/// An <see cref="IActorRef"/> inside a message (a reply-to) as its serialized actor path, the form Akka's own
/// serializers use: written with the address of the transport the message leaves on (so the receiving node can reach
/// it), read back through the provider (a remote path becomes a remote ref). Needs the actor system, so only
/// <see cref="ActorBotJsonSerializer"/> adds it; persisted events carry no actor refs.
/// </summary>
public sealed class ActorRefJsonConverter : JsonConverter<IActorRef>
{
    private readonly ExtendedActorSystem _system;

    public ActorRefJsonConverter(ExtendedActorSystem system)
    {
        _system = system ?? throw new ArgumentNullException(nameof(system));
    }

    public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var path = reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : throw new JsonException($"an actor ref is a JSON string (its actor path), not {reader.TokenType}");
        return string.IsNullOrEmpty(path) ? ActorRefs.Nobody : _system.Provider.ResolveActorRef(path);
    }

    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Akka.Serialization.Serialization.SerializedActorPath(value));
}
