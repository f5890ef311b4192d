namespace ActorBot.Persistence.Sql;

/// <summary>A persistence setting is missing or invalid; the message names the setting.</summary>
public sealed class SqlPersistenceConfigurationException : Exception
{
    public SqlPersistenceConfigurationException(string field, string problem)
        : base($"persistence setting '{field}' {problem}.")
    {
        Field = field;
        Problem = problem;
    }

    public string Field { get; }

    public string Problem { get; }
}
