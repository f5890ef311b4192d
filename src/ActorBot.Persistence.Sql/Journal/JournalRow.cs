namespace ActorBot.Persistence.Sql.Journal;

/// <summary>
/// One row of the <c>journal</c> table, already serialized. <see cref="Created"/> is UTC ticks at write,
/// as Akka.Persistence.Sql stores it.
/// </summary>
public sealed record JournalRow(
    string PersistenceId,
    long SequenceNr,
    string Manifest,
    byte[] Message,
    int? SerializerId,
    string? WriterUuid,
    long Created,
    string? Tags = null,
    bool Deleted = false);
