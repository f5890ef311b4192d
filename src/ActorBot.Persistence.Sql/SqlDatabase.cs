using System.Collections.Concurrent;
using System.Data.Common;
using ActorBot.Persistence.Sql.Dialects;

namespace ActorBot.Persistence.Sql;

/// <summary>
/// One database as the journal and snapshot store see it: the dialect, validated options, and the one-time
/// schema creation (<c>auto-initialize</c>).
/// </summary>
internal sealed class SqlDatabase : IAsyncDisposable
{
    // DDL from two stores on the same database must not race (PostgreSQL's IF NOT EXISTS is not concurrency-safe).
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SchemaLocks = new();
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    private readonly SqlSchemaPart _schema;

    public SqlDatabase(SqlPersistenceOptions options, SqlSchemaPart schema)
    {
        Options = options.Validated();
        Dialect = SqlDialects.For(Options);
        _schema = schema;
    }

    public SqlPersistenceOptions Options { get; }

    public ISqlDialect Dialect { get; }

    public string Journal => Options.JournalTableName;

    public string Snapshot => Options.SnapshotTableName;

    /// <summary>Opens a connection, creating the schema first when <c>auto-initialize</c> is on.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_initialized && Options.AutoInitialize)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        return await Dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        var schemaLock = SchemaLocks.GetOrAdd(Options.ConnectionString, _ => new SemaphoreSlim(1, 1));
        await schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            await using var connection = await Dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            var statements = Dialect.DatabaseStatements()
                .Concat(_schema.HasFlag(SqlSchemaPart.Journal) ? Dialect.JournalSchema(Journal) : [])
                .Concat(_schema.HasFlag(SqlSchemaPart.Snapshot) ? Dialect.SnapshotSchema(Snapshot) : []);
            foreach (var statement in statements)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = statement;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            _initialized = true;
        }
        finally
        {
            schemaLock.Release();
            _initLock.Release();
        }
    }

    public ValueTask DisposeAsync() => Dialect.DisposeAsync();
}

/// <summary>Which tables a store creates when it auto-initializes (each plugin creates only its own).</summary>
[Flags]
internal enum SqlSchemaPart
{
    None = 0,
    Journal = 1,
    Snapshot = 2,
}
