using ActorBot.Persistence.Tests.Infrastructure;

namespace ActorBot.Cluster.Tests.Harness;

/// <summary>A fact that needs the PostgreSQL server binaries: skipped with the install hint when they are missing.</summary>
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
