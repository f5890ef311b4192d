using ActorBot.Persistence.Sql;

namespace ActorBot.Persistence.Tests.Infrastructure;

/// <summary>A SQLite database file in its own temp directory, deleted (with its -wal/-shm files) on dispose.</summary>
public sealed class TempSqliteFile : IDisposable
{
    public TempSqliteFile()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "actorbot-sqlite-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "state.db");
    }

    public string Directory { get; }

    public string Path { get; }

    public string ConnectionString => Options.ConnectionString;

    public SqlPersistenceOptions Options => SqlPersistenceOptions.SqliteFile(Path);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Still open somewhere; the temp dir is left for the OS to clean.
        }
    }
}
