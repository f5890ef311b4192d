namespace ActorBot.Persistence.Sql.Serialization;

/// <summary>An event or snapshot could not be written as or read from JSON; the message names manifest and cause.</summary>
public sealed class PersistenceSerializationException : Exception
{
    public PersistenceSerializationException(string manifest, string message, Exception? inner = null)
        : base(message, inner)
    {
        Manifest = manifest;
    }

    public string Manifest { get; }
}
