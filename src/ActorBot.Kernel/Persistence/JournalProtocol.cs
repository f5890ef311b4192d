using Akka.Actor;

namespace Akka.Persistence;

/// <summary>Reply to <c>DeleteMessages</c>: events up to <see cref="ToSequenceNr"/> are deleted.</summary>
public sealed class DeleteMessagesSuccess : IEquatable<DeleteMessagesSuccess>
{
    public DeleteMessagesSuccess(long toSequenceNr)
    {
        ToSequenceNr = toSequenceNr;
    }

    public long ToSequenceNr { get; }

    public bool Equals(DeleteMessagesSuccess? other) => other is not null && ToSequenceNr == other.ToSequenceNr;

    public override bool Equals(object? obj) => obj is DeleteMessagesSuccess other && Equals(other);

    public override int GetHashCode() => ToSequenceNr.GetHashCode();

    public override string ToString() => $"DeleteMessagesSuccess<toSequenceNr: {ToSequenceNr}>";
}

/// <summary>Reply to <c>DeleteMessages</c> when it failed.</summary>
public sealed class DeleteMessagesFailure : INoSerializationVerificationNeeded, IEquatable<DeleteMessagesFailure>
{
    public DeleteMessagesFailure(Exception cause, long toSequenceNr)
    {
        Cause = cause;
        ToSequenceNr = toSequenceNr;
    }

    public Exception Cause { get; }

    public long ToSequenceNr { get; }

    public bool Equals(DeleteMessagesFailure? other) => other is not null && ToSequenceNr == other.ToSequenceNr && Equals(Cause, other.Cause);

    public override bool Equals(object? obj) => obj is DeleteMessagesFailure other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Cause, ToSequenceNr);

    public override string ToString() => $"DeleteMessagesFailure<cause: {Cause}, toSequenceNr: {ToSequenceNr}>";
}

/// <summary>Recovery did not make progress within <c>recovery-event-timeout</c>.</summary>
public sealed class RecoveryTimedOutException : AkkaException
{
    public RecoveryTimedOutException()
    {
    }

    public RecoveryTimedOutException(string message, Exception? cause = null)
        : base(message, cause)
    {
    }
}
