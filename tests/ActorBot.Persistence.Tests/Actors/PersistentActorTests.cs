using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ActorBot.Persistence.Tests.Actors;

/// <summary>The persistent-actor contract on Akka.Persistence.Sql over a SQLite file.</summary>
public sealed class SqlitePersistentActorTests : PersistentActorContract
{
    private readonly TempSqliteFile _file;

    public SqlitePersistentActorTests(ITestOutputHelper output)
        : this(new TempSqliteFile(), output)
    {
    }

    private SqlitePersistentActorTests(TempSqliteFile file, ITestOutputHelper output)
        : base(ActorBotPersistence.SystemSetup(TestDatabases.Sqlite(file), TestSerializer.Json), output)
    {
        _file = file;
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _file.Dispose();
    }
}

/// <summary>The persistent-actor contract on Akka.Persistence.Sql over a throwaway PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
[RequiresPostgres]
public sealed class PostgresPersistentActorTests(PostgresFixture fixture, ITestOutputHelper output)
    : PersistentActorContract(ActorBotPersistence.SystemSetup(TestDatabases.Postgres(fixture), TestSerializer.Json), output);
