namespace Akka.Actor;

/// <summary>Marker: messages the actor cell handles itself (PoisonPill, Kill, Terminated).</summary>
public interface IAutoReceivedMessage
{
}

/// <summary>Marker: messages that could be harmful if sent from outside.</summary>
public interface IPossiblyHarmful
{
}

/// <summary>Marker: messages exempt from serialization verification.</summary>
public interface INoSerializationVerificationNeeded
{
}

/// <summary>Marker: messages that do not reset the receive timeout.</summary>
public interface INotInfluenceReceiveTimeout
{
}

/// <summary>A message that wraps another one.</summary>
public interface IWrappedMessage
{
    object Message { get; }
}

/// <summary>Scope of an actor reference.</summary>
public interface IActorRefScope
{
    bool IsLocal { get; }
}
