using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;

namespace ActorBot.Persistence.Tests.Infrastructure;

/// <summary>A database with the plugin's schema already created, as the host creates it before the actor system starts.</summary>
public static class TestDatabases
{
    public static SqlPersistenceOptions Sqlite(TempSqliteFile file)
    {
        var options = file.Options;
        SchemaCreator.Create(options);
        return options;
    }

    public static SqlPersistenceOptions Postgres(PostgresFixture fixture)
    {
        var options = new SqlPersistenceOptions(SqlProvider.PostgreSql, fixture.Server.CreateIsolatedConnectionString());
        SchemaCreator.Create(options);
        return options;
    }
}
