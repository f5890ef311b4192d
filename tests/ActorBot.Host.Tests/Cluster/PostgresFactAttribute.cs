using ActorBot.Persistence.Tests.Infrastructure;

namespace ActorBot.Host.Tests.Cluster;

/// <summary>A fact that needs the PostgreSQL server binaries: skipped, saying how to install them, where they are missing.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresBinaries.Directory is null)
        {
            Skip = "PostgreSQL server binaries (initdb, pg_ctl) not found: install them with `apt-get install -y postgresql` to run the cluster node test.";
        }
    }
}
