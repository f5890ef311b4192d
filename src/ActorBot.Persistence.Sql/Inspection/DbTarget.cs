using Microsoft.Data.Sqlite;

namespace ActorBot.Persistence.Sql.Inspection;

/// <summary>
/// Reads the <c>--db</c> argument of <c>actorbot state inspect</c>: a SQLite file path (or <c>Data Source=</c>
/// string), or a PostgreSQL connection string (<c>Host=...</c>). <see cref="Description"/> is safe to print:
/// it never contains the connection string, which may hold a password.
/// </summary>
public sealed record DbTarget(SqlPersistenceOptions Options, string Description)
{
    public static DbTarget Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new SqlPersistenceConfigurationException("--db", "must name a SQLite file or a PostgreSQL connection string");
        }

        if (LooksLikePostgres(value))
        {
            return new DbTarget(new SqlPersistenceOptions(SqlProvider.PostgreSql, value), "PostgreSQL database");
        }

        var path = value.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(value).DataSource
            : value;
        if (!File.Exists(path))
        {
            throw new SqlPersistenceConfigurationException("--db", $"names SQLite file '{path}', which does not exist");
        }

        // ReadWrite, not ReadWriteCreate: inspecting must never create a database file.
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite };
        return new DbTarget(new SqlPersistenceOptions(SqlProvider.Sqlite, connection.ToString()), $"SQLite file '{path}'");
    }

    private static bool LooksLikePostgres(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
        value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
        value.Split(';').Any(part => part.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase) ||
                                     part.TrimStart().StartsWith("Server=", StringComparison.OrdinalIgnoreCase));
}
