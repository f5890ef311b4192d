using Akka.Actor;

namespace Akka.Persistence;

/// <summary>Marker of every persistence protocol message.</summary>
public interface IPersistenceMessage : INoSerializationVerificationNeeded
{
}

/// <summary>Marker of snapshot protocol messages.</summary>
public interface ISnapshotMessage : INoSerializationVerificationNeeded, IPersistenceMessage
{
}

/// <summary>Marker of replies from the snapshot store.</summary>
public interface ISnapshotResponse : INoSerializationVerificationNeeded, IPersistenceMessage, ISnapshotMessage
{
}

/// <summary>An actor that chooses how it recovers.</summary>
public interface IPersistenceRecovery
{
    Recovery Recovery { get; }
}

/// <summary>Identifies a persistent actor and the plugins it uses.</summary>
public interface IPersistentIdentity
{
    string JournalPluginId { get; }

    string PersistenceId { get; }

    string SnapshotPluginId { get; }
}
