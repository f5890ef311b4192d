namespace ActorBot.Persistence.Tests.Infrastructure;

/// <summary>A fact that needs the PostgreSQL server binaries: skipped with the install hint when they are missing (linked into the Host and Cluster test projects).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresBinaries.Directory is null)
        {
            Skip = PostgresBinaries.MissingMessage;
        }
    }
}
