namespace ActorBot.Persistence.Sql.Dialects;

internal static class SqlDialects
{
    public static ISqlDialect For(SqlPersistenceOptions options) => options.Provider switch
    {
        SqlProvider.Sqlite => new SqliteDialect(options.ConnectionString, options.CommandTimeout),
        SqlProvider.PostgreSql => new PostgresDialect(options.ConnectionString, options.CommandTimeout),
        _ => throw new SqlPersistenceConfigurationException("provider-name", $"'{options.Provider}' is not supported"),
    };
}
