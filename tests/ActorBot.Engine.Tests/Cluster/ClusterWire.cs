using ActorBot.Engine.Persistence;
using ActorBot.Persistence.Sql;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;

namespace ActorBot.Engine.Tests.Cluster;

/// <summary>An actor system set up as the service sets it up, and a message through its serialization and back.</summary>
internal static class ClusterWire
{
    /// <summary>
    /// The service's setup (<see cref="EnginePersistence.CreateSerializer"/>, persistence HOCON) over
    /// <paramref name="extra"/>. No persistent actor starts in these tests, so the plugin never opens the file.
    /// </summary>
    public static ActorSystemSetup Setup(Config? extra = null) =>
        ActorBotPersistence.SystemSetup(
            SqlPersistenceOptions.SqliteFile(Path.Combine(Path.GetTempPath(), "actorbot-cluster-wire-unused.db")),
            EnginePersistence.CreateSerializer(),
            extra);

    /// <summary>Serializes with the serializer Akka picks for the message and reads it back by id and manifest.</summary>
    public static (object Back, byte[] Bytes, string Manifest) RoundTrip(ActorSystem system, object message)
    {
        var serialization = system.Serialization;
        var serializer = serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return (serialization.Deserialize(bytes, serializer.Identifier, manifest), bytes, manifest);
    }
}
