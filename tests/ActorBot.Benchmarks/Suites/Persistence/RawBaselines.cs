using System.Data.Common;
using System.Diagnostics;
using ActorBot.Persistence.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorBot.Benchmarks.Suites.Persistence;

/// <summary>
/// What the database does without Akka: batched INSERTs (multi-row statements of 100 rows, 1,000 rows per
/// transaction) into a table shaped like the journal, and the latency of one INSERT + COMMIT — the floors the
/// plugin's figures are read against.
/// </summary>
internal sealed class RawBaselines
{
    private const int Iterations = 3;
    private readonly SqlPersistenceOptions _options;
    private readonly BenchSizes _sizes;
    private readonly byte[] _payload = new byte[90];
    private long _seq;

    public RawBaselines(SqlPersistenceOptions options, BenchSizes sizes)
    {
        _options = options;
        _sizes = sizes;
    }

    public void Run()
    {
        using var connection = Open();
        Execute(connection, "CREATE TABLE IF NOT EXISTS raw_bench (persistence_id VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, created BIGINT NOT NULL, message " +
            (_options.Provider == SqlProvider.Sqlite ? "BLOB" : "BYTEA") + " NOT NULL, PRIMARY KEY (persistence_id, sequence_number))");

        var rows = _sizes.WriteEvents * 5;
        Batched(connection, rows / 10);
        var rates = Enumerable.Range(0, Iterations).Select(_ => rows / Batched(connection, rows).TotalSeconds).Order().ToList();
        Console.WriteLine($"  {"raw batched INSERT, 100-row statements (baseline)",-56} {rates[1],12:N0} rows/s     (min {rates[0]:N0}, max {rates[^1]:N0}; n={rows:N0} x{Iterations})");

        Insert(connection, 50, 1);
        var latencies = new List<double>(_sizes.LatencyEvents);
        for (var i = 0; i < _sizes.LatencyEvents; i++)
        {
            latencies.Add(Insert(connection, 1, 1).TotalMilliseconds);
        }

        latencies.Sort();
        Console.WriteLine($"  {"raw INSERT + COMMIT of one row, latency (baseline)",-56} p50 {Percentile(latencies, 0.50),6:N2} ms  p99 {Percentile(latencies, 0.99),6:N2} ms  (n={latencies.Count:N0})");
    }

    public static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private TimeSpan Insert(DbConnection connection, int rows, int perTransaction)
    {
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < rows; done += perTransaction)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO raw_bench (persistence_id, sequence_number, created, message) VALUES (@p, @s, @c, @m)";
            var pid = Parameter(command, "@p", "raw");
            var seq = Parameter(command, "@s", 0L);
            Parameter(command, "@c", DateTime.UtcNow.Ticks);
            Parameter(command, "@m", _payload);
            command.Prepare();
            for (var i = 0; i < perTransaction && done + i < rows; i++)
            {
                seq.Value = ++_seq;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return watch.Elapsed;
    }

    private TimeSpan Batched(DbConnection connection, int rows)
    {
        const int RowsPerStatement = 100;
        const int StatementsPerTransaction = 10;
        var watch = Stopwatch.StartNew();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO raw_bench (persistence_id, sequence_number, created, message) VALUES " +
            string.Join(", ", Enumerable.Range(0, RowsPerStatement).Select(i => $"(@p{i}, @s{i}, @c{i}, @m{i})"));
        var seqs = new DbParameter[RowsPerStatement];
        for (var i = 0; i < RowsPerStatement; i++)
        {
            Parameter(command, $"@p{i}", "raw-batched");
            seqs[i] = Parameter(command, $"@s{i}", 0L);
            Parameter(command, $"@c{i}", DateTime.UtcNow.Ticks);
            Parameter(command, $"@m{i}", _payload);
        }

        for (var done = 0; done < rows;)
        {
            using var transaction = connection.BeginTransaction();
            command.Transaction = transaction;
            for (var s = 0; s < StatementsPerTransaction && done < rows; s++, done += RowsPerStatement)
            {
                foreach (var seq in seqs)
                {
                    seq.Value = ++_seq;
                }

                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return watch.Elapsed;
    }

    private DbConnection Open()
    {
        DbConnection connection = _options.Provider == SqlProvider.Sqlite ? new SqliteConnection(_options.ConnectionString) : new NpgsqlConnection(_options.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
