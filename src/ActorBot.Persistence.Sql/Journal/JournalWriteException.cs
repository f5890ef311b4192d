namespace ActorBot.Persistence.Sql.Journal;

/// <summary>
/// A journal write did not commit. <see cref="IsDuplicate"/> is true when a (persistence_id, sequence_number)
/// pair already existed: two writers for one persistence id, which must never be papered over.
/// </summary>
public sealed class JournalWriteException : Exception
{
    public JournalWriteException(string message, bool isDuplicate, Exception? inner)
        : base(message, inner)
    {
        IsDuplicate = isDuplicate;
    }

    public bool IsDuplicate { get; }
}
