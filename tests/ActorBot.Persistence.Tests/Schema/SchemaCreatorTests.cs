using System.Data.Common;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using ActorBot.Persistence.Tests.Infrastructure;
using LinqToDB;
using LinqToDB.Data;

namespace ActorBot.Persistence.Tests.Schema;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TempSqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact(DisplayName = "SQLite: the schema is the plugin's default mapping — journal, tags, snapshot with their columns, no metadata table")]
    public async Task Creates_plugin_tables()
    {
        await SchemaCreator.CreateAsync(_file.Options);

        await using var connection = await StoredRows.OpenAsync(_file.Options);
        (await Columns(connection, "journal")).Should().Equal(
            "ordering", "deleted", "persistence_id", "sequence_number", "created", "message", "identifier", "manifest", "writer_uuid");
        (await Columns(connection, "tags")).Should().Equal("ordering_id", "tag", "persistence_id", "sequence_nr");
        (await Columns(connection, "snapshot")).Should().Equal("persistence_id", "sequence_number", "created", "snapshot", "manifest", "serializer_id");
        (await Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE '%metadata%'")).Should().Be(0L);
        (await Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'journal_uq'")).Should().Be(1L);
    }

    [Fact(DisplayName = "SQLite: creating the schema twice is a no-op, and the file's directory is created when missing")]
    public async Task Idempotent()
    {
        var nested = SqlPersistenceOptions.SqliteFile(Path.Combine(_file.Directory, "state", "actorbot.db"));

        await SchemaCreator.CreateAsync(nested);
        await SchemaCreator.CreateAsync(nested);

        File.Exists(Path.Combine(_file.Directory, "state", "actorbot.db")).Should().BeTrue();
    }

    [Fact(DisplayName = "SQLite: the file is in WAL mode for every later connection, set once by PRAGMA at schema creation")]
    public async Task Wal_mode_persists()
    {
        await SchemaCreator.CreateAsync(_file.Options);

        await using var connection = await StoredRows.OpenAsync(_file.Options);
        (await Scalar(connection, "PRAGMA journal_mode")).Should().Be("wal");
    }

    [Fact(DisplayName = "SQLite: a connection opened the way the plugin opens it (linq2db, SQLite.MS) runs with synchronous = FULL (2)")]
    public async Task Synchronous_full_on_plugin_connections()
    {
        await SchemaCreator.CreateAsync(_file.Options);

        // Exactly how Akka.Persistence.Sql builds its connections: DataOptions from provider name + connection string.
        var options = new DataOptions().UseConnectionString(SqlProvider.Sqlite.ToPluginProviderName(), _file.Options.ConnectionString);
        await using var db = new DataConnection(options);
        db.Execute<string>("PRAGMA journal_mode").Should().Be("wal");
        db.Execute<long>("PRAGMA synchronous").Should().Be(2, "an order journal must survive a power cut: FULL syncs the WAL on every commit");
    }

    private static async Task<List<string>> Columns(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<object?> Scalar(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}

[Collection(PostgresCollection.Name)]
[RequiresPostgres]
public sealed class PostgresSchemaTests(PostgresFixture fixture)
{
    [StoreFact(DisplayName = "PostgreSQL: four concurrent schema creations on one empty database all succeed (advisory lock) and leave one schema")]
    public async Task Concurrent_creation()
    {
        var options = new SqlPersistenceOptions(SqlProvider.PostgreSql, fixture.Server.CreateIsolatedConnectionString());

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaCreator.CreateAsync(options))));

        await using var connection = await StoredRows.OpenAsync(options);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        tables.Should().Equal("journal", "snapshot", "tags");
    }

    [StoreFact(DisplayName = "PostgreSQL: creating the schema again on an existing one is a no-op")]
    public async Task Idempotent()
    {
        var options = new SqlPersistenceOptions(SqlProvider.PostgreSql, fixture.Server.CreateIsolatedConnectionString());

        await SchemaCreator.CreateAsync(options);
        var again = () => SchemaCreator.CreateAsync(options);

        await again.Should().NotThrowAsync();
    }
}
