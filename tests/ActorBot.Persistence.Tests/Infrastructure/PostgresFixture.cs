namespace ActorBot.Persistence.Tests.Infrastructure;

/// <summary>One throwaway server shared by every PostgreSQL test class in the run.</summary>
public sealed class PostgresFixture : IDisposable
{
    private readonly Lazy<ThrowawayPostgres> _server = new(ThrowawayPostgres.Start);

    public ThrowawayPostgres Server => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
