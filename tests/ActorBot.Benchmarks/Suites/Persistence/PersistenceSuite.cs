using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Tests.Infrastructure;

namespace ActorBot.Benchmarks.Suites.Persistence;

/// <summary>
/// <c>persistence</c>: events/s persisted by 1 and by 100 writers on SQLite and PostgreSQL next to raw ADO.NET
/// baselines measured in the same run, and recovery time of 100k events with and without a snapshot.
/// <c>--quick</c> shrinks the sizes for a smoke run.
/// </summary>
public sealed class PersistenceSuite : IBenchmarkSuite
{
    public string Name => "persistence";

    public int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var sizes = quick ? new BenchSizes(200, 10_000, 10_000) : new BenchSizes(2_000, 100_000, 100_000);
        Console.WriteLine($"persistence benchmark ({(quick ? "quick" : "full")}): {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        var dir = Path.Combine(Path.GetTempPath(), "actorbot-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var sqlite = SqlPersistenceOptions.SqliteFile(Path.Combine(dir, "bench.db"));
            new StoreBenchmarks("sqlite", sqlite, sizes).Run();
            new ActorBenchmarks("sqlite", sqlite, sizes).Run();
            if (PostgresBinaries.Directory is null)
            {
                Console.WriteLine("postgresql: skipped. " + PostgresBinaries.MissingMessage);
            }
            else
            {
                using var server = ThrowawayPostgres.Start();
                var postgres = new SqlPersistenceOptions(SqlProvider.PostgreSql, server.CreateIsolatedConnectionString());
                new StoreBenchmarks("postgresql", postgres, sizes).Run();
                new ActorBenchmarks("postgresql", postgres, sizes).Run();
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        return 0;
    }
}

/// <summary>How many events each measurement uses: per-event transactions, batched writes, recovery.</summary>
internal sealed record BenchSizes(int SingleTransactionEvents, int BatchedEvents, int RecoveryEvents);

/// <summary>A market-data-sized event (about 90 bytes of JSON).</summary>
internal sealed record BenchEvent(long Seq, string Symbol, decimal Price, decimal Quantity);

/// <summary>The state the recovery benchmark rebuilds: what a zones or trader actor would fold events into.</summary>
internal sealed record BenchState(long Count, decimal Notional, long LastSeq)
{
    public BenchState Apply(BenchEvent e) => new(Count + 1, Notional + (e.Price * e.Quantity), e.Seq);
}
