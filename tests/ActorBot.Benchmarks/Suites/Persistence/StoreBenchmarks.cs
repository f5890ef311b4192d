using System.Data.Common;
using System.Diagnostics;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Journal;
using ActorBot.Persistence.Sql.Serialization;
using ActorBot.Persistence.Sql.Snapshot;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorBot.Benchmarks.Suites.Persistence;

/// <summary>The store-level measurements for one database, each beside its raw ADO.NET baseline.</summary>
internal sealed class StoreBenchmarks
{
    private const int Iterations = 3;
    private readonly string _name;
    private readonly SqlPersistenceOptions _options;
    private readonly BenchSizes _sizes;
    private readonly JsonPersistenceSerializer _serializer = JsonPersistenceSerializer.Default;
    private int _run;
    private double _lastEventsPerTransaction;

    public StoreBenchmarks(string name, SqlPersistenceOptions options, BenchSizes sizes)
    {
        _name = name;
        _options = options;
        _sizes = sizes;
    }

    public void Run() => RunAsync().GetAwaiter().GetResult();

    private async Task RunAsync()
    {
        await using (var warm = new SqlJournalStore(_options))
        {
            await warm.InitializeAsync();
        }

        Console.WriteLine();
        Console.WriteLine($"== {_name} ==");
        var rawSingle = await Measure("raw INSERT, 1 transaction per event (baseline)", _sizes.SingleTransactionEvents, n => Task.FromResult(RawInsert(n, perTransaction: 1)));
        var store1 = await Measure("store, 1 writer awaiting each write", _sizes.SingleTransactionEvents, n => StoreWriters(1, n));
        Ratio("1 writer vs raw 1-per-transaction", store1, rawSingle);

        var rawBatch = await Measure("raw INSERT, 100 events per transaction (baseline)", _sizes.BatchedEvents, n => Task.FromResult(RawInsert(n, perTransaction: 100)));
        var store100 = await Measure("store, 100 writers, batched", _sizes.BatchedEvents, n => StoreWriters(100, n));
        Console.WriteLine($"  {"store, 100 writers: events per transaction (last run)",-52} {_lastEventsPerTransaction,12:N1}");
        Ratio("100 writers vs raw 100-per-transaction", store100, rawBatch);
        Ratio("100 writers vs raw 1-per-transaction", store100, rawSingle);

        await RecoveryBenchmarks();
    }

    private static async Task<double> Measure(string label, int events, Func<int, Task<TimeSpan>> body)
    {
        await body(Math.Max(1, events / 10)); // warm-up: JIT, connection pools, page cache
        var rates = new List<double>();
        long allocated = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var before = GC.GetTotalAllocatedBytes(true);
            var elapsed = await body(events);
            allocated += GC.GetTotalAllocatedBytes(true) - before;
            rates.Add(events / elapsed.TotalSeconds);
        }

        rates.Sort();
        var median = rates[rates.Count / 2];
        Console.WriteLine($"  {label,-52} {median,12:N0} events/s   (min {rates[0]:N0}, max {rates[^1]:N0}; {allocated / (Iterations * (double)events),7:N0} B/event; n={events:N0} x{Iterations})");
        return median;
    }

    private static void Ratio(string label, double subject, double baseline) =>
        Console.WriteLine($"  ratio {label,-46} {subject / baseline,10:N2}x");

    private async Task<TimeSpan> StoreWriters(int writers, int events)
    {
        var run = Interlocked.Increment(ref _run);
        await using var journal = new SqlJournalStore(_options);
        await journal.InitializeAsync();
        var perWriter = events / writers;
        var watch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var pid = $"bench-{run}-{w}";
            for (long seq = 1; seq <= perWriter; seq++)
            {
                await journal.WriteAsync([Row(pid, seq)]).ConfigureAwait(false);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var elapsed = watch.Elapsed;
        _lastEventsPerTransaction = (double)events / journal.CommittedTransactions;
        return elapsed;
    }

    private TimeSpan RawInsert(int events, int perTransaction)
    {
        var run = Interlocked.Increment(ref _run);
        using var connection = OpenRaw();
        var pid = $"raw-{run}";
        var watch = Stopwatch.StartNew();
        for (var start = 1; start <= events; start += perTransaction)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {_options.JournalTableName} (persistence_id, sequence_number, created, message, identifier, manifest, writer_uuid) VALUES (@pid, @seq, @created, @message, @identifier, @manifest, @writer)";
            var seqParameter = Add(command, "@seq", System.Data.DbType.Int64);
            var messageParameter = Add(command, "@message", System.Data.DbType.Binary);
            Add(command, "@pid", System.Data.DbType.String).Value = pid;
            Add(command, "@created", System.Data.DbType.Int64).Value = DateTime.UtcNow.Ticks;
            Add(command, "@identifier", System.Data.DbType.Int32).Value = JsonPersistenceSerializer.SerializerId;
            Add(command, "@writer", System.Data.DbType.String).Value = "raw";
            var manifestParameter = Add(command, "@manifest", System.Data.DbType.String);
            command.Prepare();
            for (var seq = start; seq < start + perTransaction && seq <= events; seq++)
            {
                seqParameter.Value = (long)seq;
                messageParameter.Value = _serializer.Serialize(Event(seq), out var manifest);
                manifestParameter.Value = manifest;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return watch.Elapsed;
    }

    private async Task RecoveryBenchmarks()
    {
        var events = _sizes.RecoveryEvents;
        var pid = $"recovery-{Interlocked.Increment(ref _run)}";
        await using (var journal = new SqlJournalStore(_options with { BatchSize = 1000 }))
        {
            for (long seq = 1; seq <= events; seq += 1000)
            {
                var rows = new List<JournalRow>();
                for (var s = seq; s < seq + 1000 && s <= events; s++)
                {
                    rows.Add(Row(pid, s));
                }

                await journal.WriteAsync(rows);
            }
        }

        var snapshotAt = events - 1000;
        await using (var snapshots = new SqlSnapshotStorage(_options))
        {
            var state = Enumerable.Range(1, snapshotAt).Aggregate(new BenchState(0, 0, 0), (s, i) => s.Apply(Event(i)));
            var payload = _serializer.Serialize(state, out var manifest);
            await snapshots.SaveAsync(new SnapshotRow(pid, snapshotAt, DateTime.UtcNow.Ticks, manifest, payload, JsonPersistenceSerializer.SerializerId));
        }

        var raw = Time($"raw SELECT of {events:N0} rows, no deserialization (baseline)", () => RawRead(pid));
        var full = Time($"recover {events:N0} events, no snapshot (replay + JSON + fold)", () => Recover(pid, useSnapshot: false, events));
        var snap = Time($"recover {events:N0} events from snapshot at {snapshotAt:N0}", () => Recover(pid, useSnapshot: true, events));
        Console.WriteLine($"  ratio {"recovery without snapshot vs raw SELECT",-46} {full / raw,10:N2}x (time)");
        Console.WriteLine($"  ratio {"recovery with snapshot vs without",-46} {snap / full,10:N2}x (time)");
    }

    private static double Time(string label, Action body)
    {
        body();
        var times = new List<double>();
        for (var i = 0; i < Iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            body();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"  {label,-52} {times[times.Count / 2],12:N1} ms       (min {times[0]:N1}, max {times[^1]:N1}; x{Iterations})");
        return times[times.Count / 2];
    }

    private void Recover(string pid, bool useSnapshot, long expected) => RecoverAsync(pid, useSnapshot, expected).GetAwaiter().GetResult();

    private async Task RecoverAsync(string pid, bool useSnapshot, long expected)
    {
        await using var journal = new SqlJournalStore(_options);
        await using var snapshots = new SqlSnapshotStorage(_options);
        var state = new BenchState(0, 0, 0);
        long from = 1;
        if (useSnapshot)
        {
            var row = await snapshots.LoadAsync(pid, SnapshotRange.Latest) ?? throw new InvalidOperationException("snapshot missing");
            state = (BenchState)_serializer.Deserialize(row.Snapshot, row.Manifest);
            from = row.SequenceNr + 1;
        }

        await journal.ReplayAsync(pid, from, long.MaxValue, long.MaxValue, r => state = state.Apply((BenchEvent)_serializer.Deserialize(r.Message, r.Manifest)));
        if (state.LastSeq != expected || state.Count != expected)
        {
            throw new InvalidOperationException($"recovery rebuilt {state.Count} events up to {state.LastSeq}, expected {expected}");
        }
    }

    private void RawRead(string pid)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT sequence_number, manifest, message FROM {_options.JournalTableName} WHERE persistence_id = @pid ORDER BY sequence_number";
        Add(command, "@pid", System.Data.DbType.String).Value = pid;
        using var reader = command.ExecuteReader();
        long bytes = 0;
        while (reader.Read())
        {
            bytes += reader.GetInt64(0) + reader.GetString(1).Length + reader.GetFieldValue<byte[]>(2).Length;
        }

        GC.KeepAlive(bytes);
    }

    private DbConnection OpenRaw()
    {
        DbConnection connection = _options.Provider == SqlProvider.Sqlite
            ? new SqliteConnection(_options.ConnectionString)
            : new NpgsqlConnection(_options.ConnectionString);
        connection.Open();
        if (connection is SqliteConnection)
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=FULL;";
            pragma.ExecuteNonQuery();
        }

        return connection;
    }

    private JournalRow Row(string pid, long seq) =>
        new(pid, seq, _serializer.ManifestOf(typeof(BenchEvent)), _serializer.Serialize(Event(seq), out _), JsonPersistenceSerializer.SerializerId, "bench", DateTime.UtcNow.Ticks);

    private static BenchEvent Event(long seq) => new(seq, "BTCUSDT", 60_000m + (seq % 1000), 0.001m * (1 + (seq % 7)));

    private static DbParameter Add(DbCommand command, string name, System.Data.DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
