namespace ActorBot.Persistence.Sql;

/// <summary>The databases the journal runs on: the embedded default and the deployment database.</summary>
public enum SqlProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Our <c>provider-name</c> values and the linq2db provider names Akka.Persistence.Sql needs for them.</summary>
public static class SqlProviderNames
{
    public static SqlProvider Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "sqlite" => SqlProvider.Sqlite,
        "postgresql" or "postgres" => SqlProvider.PostgreSql,
        _ => throw new SqlPersistenceConfigurationException("provider-name", $"'{value}' is not supported; use \"sqlite\" or \"postgresql\""),
    };

    public static string ToName(this SqlProvider provider) => provider == SqlProvider.Sqlite ? "sqlite" : "postgresql";

    /// <summary>
    /// The plugin's <c>provider-name</c>: linq2db's name for Microsoft.Data.Sqlite, and PostgreSQL 15 (which also
    /// makes the plugin map <c>ordering</c> as <c>GENERATED ALWAYS AS IDENTITY</c>, as our schema creates it).
    /// </summary>
    public static string ToPluginProviderName(this SqlProvider provider) => provider == SqlProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";
}
