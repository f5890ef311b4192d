using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Tests.Infrastructure;
using Npgsql;

namespace ActorBot.Persistence.Tests.Store;

/// <summary>
/// The store contract on a throwaway PostgreSQL server; skipped with the install hint where the binaries are missing.
/// </summary>
[Collection(PostgresCollection.Name)]
[RequiresPostgres]
public sealed class PostgresStoreTests : StoreContract
{
    private readonly PostgresFixture _fixture;

    public PostgresStoreTests(PostgresFixture fixture)
    {
        _fixture = fixture;
    }

    protected override SqlPersistenceOptions NewDatabase() =>
        new(SqlProvider.PostgreSql, _fixture.Server.CreateIsolatedConnectionString());

    protected override async Task<IReadOnlyList<string>> ColumnsOfAsync(SqlPersistenceOptions options, string table)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t", connection);
        command.Parameters.AddWithValue("t", table);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
