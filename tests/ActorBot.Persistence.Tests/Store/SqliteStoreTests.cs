using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ActorBot.Persistence.Tests.Store;

/// <summary>The store contract on SQLite, the embedded default, plus SQLite-only settings (WAL).</summary>
public sealed class SqliteStoreTests : StoreContract, IDisposable
{
    private readonly List<TempSqliteFile> _files = [];

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }

    [Fact(DisplayName = "A SQLite store switches the database file to WAL mode")]
    public async Task Sqlite_uses_wal()
    {
        var options = NewDatabase();
        await using (var journal = new ActorBot.Persistence.Sql.Journal.SqlJournalStore(options))
        {
            await journal.InitializeAsync();
        }

        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        (await command.ExecuteScalarAsync()).Should().Be("wal");
    }

    protected override SqlPersistenceOptions NewDatabase()
    {
        var file = new TempSqliteFile();
        _files.Add(file);
        return SqlPersistenceOptions.SqliteFile(file.Path);
    }

    protected override async Task<IReadOnlyList<string>> ColumnsOfAsync(SqlPersistenceOptions options, string table)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0).ToLowerInvariant());
        }

        return names;
    }
}
