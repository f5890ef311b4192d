namespace ActorBot.Persistence.Sql;

/// <summary>The databases the store speaks: the embedded default and the deployment database.</summary>
public enum SqlProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Parses the <c>provider-name</c> HOCON value.</summary>
public static class SqlProviderNames
{
    public static SqlProvider Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "sqlite" => SqlProvider.Sqlite,
        "postgresql" or "postgres" => SqlProvider.PostgreSql,
        _ => throw new SqlPersistenceConfigurationException("provider-name", $"'{value}' is not supported; use \"sqlite\" or \"postgresql\""),
    };

    public static string ToName(this SqlProvider provider) => provider == SqlProvider.Sqlite ? "sqlite" : "postgresql";
}
