using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Tests.Infrastructure;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorBot.Persistence.Tests.Actors;

/// <summary>The persistent-actor contract on the default in-memory journal and snapshot store.</summary>
public sealed class InMemoryPersistentActorTests(ITestOutputHelper output)
    : PersistentActorContract(ConfigurationFactory.Empty, output)
{
    protected override bool SerializesEvents => false;
}

/// <summary>The persistent-actor contract on the SQLite journal and snapshot store, selected by HOCON.</summary>
public sealed class SqlitePersistentActorTests : PersistentActorContract
{
    private readonly TempSqliteFile _file;

    public SqlitePersistentActorTests(ITestOutputHelper output)
        : this(new TempSqliteFile(), output)
    {
    }

    private SqlitePersistentActorTests(TempSqliteFile file, ITestOutputHelper output)
        : base(ConfigurationFactory.ParseString(SqlPersistenceHocon.For(SqlProvider.Sqlite, file.ConnectionString)), output)
    {
        _file = file;
    }

    protected override bool SerializesEvents => true;

    protected override void AfterAll()
    {
        base.AfterAll();
        _file.Dispose();
    }
}

/// <summary>The persistent-actor contract on a throwaway PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
[RequiresPostgres]
public sealed class PostgresPersistentActorTests(PostgresFixture fixture, ITestOutputHelper output)
    : PersistentActorContract(
        ConfigurationFactory.ParseString(SqlPersistenceHocon.For(SqlProvider.PostgreSql, fixture.Server.CreateIsolatedConnectionString())),
        output)
{
    protected override bool SerializesEvents => true;
}
