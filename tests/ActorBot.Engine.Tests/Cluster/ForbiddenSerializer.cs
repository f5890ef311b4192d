using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Serialization;

namespace ActorBot.Engine.Tests.Cluster;

/// <summary>
/// Bound to <c>System.Object</c> in the remoting test in place of Akka's Newtonsoft default: any message that would
/// have fallen through to the reflection-based default is recorded here and refused, so the test sees it.
/// </summary>
public sealed class ForbiddenSerializer : Serializer
{
    public const string Name = "forbidden";

    public ForbiddenSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <summary>The types that reached this serializer, per actor system name.</summary>
    public static ConcurrentDictionary<string, ConcurrentQueue<string>> Used { get; } = new();

    public override int Identifier => 4799;

    public override bool IncludeManifest => true;

    public override byte[] ToBinary(object obj)
    {
        Used.GetOrAdd(system.Name, _ => new ConcurrentQueue<string>()).Enqueue(obj.GetType().FullName ?? obj.GetType().Name);
        throw new InvalidOperationException($"{obj.GetType().FullName} fell through to the default serializer");
    }

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new InvalidOperationException($"{type?.FullName} fell through to the default serializer");
}
