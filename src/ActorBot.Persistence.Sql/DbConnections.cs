using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorBot.Persistence.Sql;

/// <summary>Plain ADO.NET connections to the plugin's database, for schema creation and inspection.</summary>
internal static class DbConnections
{
    public static async Task<DbConnection> OpenAsync(SqlPersistenceOptions options, CancellationToken cancellationToken)
    {
        DbConnection connection = options.Provider == SqlProvider.Sqlite
            ? new SqliteConnection(options.ConnectionString)
            : new NpgsqlConnection(options.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task ExecuteAsync(this DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(this DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
