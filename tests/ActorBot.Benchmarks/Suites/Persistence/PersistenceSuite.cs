using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using ActorBot.Persistence.Tests.Infrastructure;

namespace ActorBot.Benchmarks.Suites.Persistence;

/// <summary>
/// <c>persistence</c>: Akka.Persistence.Sql (the real plugin, schema created beforehand, our serializer) on SQLite and
/// PostgreSQL: events/s of 100 actors persisting at once and of one PersistAsync actor, journal write latency of one
/// order-sized event, recovery of 100k events with our serializer and with Akka's default (Newtonsoft) in the same
/// run, snapshot + 100 events; the execution and paper execution actors recovering 10,000 closed trades with and
/// without a snapshot (<c>--execution-recovery</c>: only that case, SQLite); next to raw ADO.NET inserts measured in the
/// same run. <c>--quick</c> shrinks sizes.
/// </summary>
public sealed class PersistenceSuite : IBenchmarkSuite
{
    public string Name => "persistence";

    public int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var executionOnly = args.Contains("--execution-recovery");
        var sizes = quick ? new BenchSizes(200, 2_000, 10_000) : new BenchSizes(2_000, 20_000, 100_000);
        Console.WriteLine($"persistence benchmark ({(quick ? "quick" : "full")}): Akka.Persistence.Sql, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        var dir = Path.Combine(Path.GetTempPath(), "actorbot-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var sqlite = SqlPersistenceOptions.SqliteFile(Path.Combine(dir, "bench.db"));
            if (executionOnly)
            {
                // Only the issue 9 case: the service's execution actors recovering 10,000 closed trades (SQLite).
                SchemaCreator.Create(sqlite);
                Console.WriteLine("== sqlite: execution recovery ==");
                new ExecutionRecoveryBenchmark(sqlite, quick ? 1_000 : 10_000).Run();
                return 0;
            }

            RunFor("sqlite", sqlite, sizes);
            if (PostgresBinaries.Directory is null)
            {
                Console.WriteLine("postgresql: skipped. " + PostgresBinaries.MissingMessage);
            }
            else
            {
                using var server = ThrowawayPostgres.Start();
                RunFor("postgresql", new SqlPersistenceOptions(SqlProvider.PostgreSql, server.CreateIsolatedConnectionString()), sizes);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        return 0;
    }

    private static void RunFor(string name, SqlPersistenceOptions options, BenchSizes sizes)
    {
        SchemaCreator.Create(options);
        Console.WriteLine();
        Console.WriteLine($"== {name} ==");
        new RawBaselines(options, sizes).Run();
        new ActorBenchmarks(options, sizes).Run();
        new ExecutionRecoveryBenchmark(options, sizes.RecoveryEvents / 10).Run();
    }
}

/// <summary>Events per measurement: latency samples, throughput runs, recovery.</summary>
internal sealed record BenchSizes(int LatencyEvents, int WriteEvents, int RecoveryEvents);

/// <summary>A market-data-sized event (about 90 bytes of JSON).</summary>
internal sealed record BenchEvent(long Seq, string Symbol, decimal Price, decimal Quantity);

/// <summary>An order-sized event (about 250 bytes of JSON), what /execution journals per order step.</summary>
internal sealed record OrderEvent(string ClientOrderId, string Symbol, int Side, decimal Price, decimal Quantity, decimal StopLoss, decimal TakeProfit, long DecisionTimeMs, string Reason);

/// <summary>The state the recovery benchmark rebuilds: what a zones or trader actor would fold events into.</summary>
internal sealed record BenchState(long Count, decimal Notional, long LastSeq)
{
    public BenchState Apply(BenchEvent e) => new(Count + 1, Notional + (e.Price * e.Quantity), e.Seq);
}
