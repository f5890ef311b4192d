using System.Diagnostics;
using System.Reflection;
using ActorBot.Persistence.CrashChild;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Serialization;
using ActorBot.Persistence.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ActorBot.Persistence.Tests.Crash;

/// <summary>
/// Crash safety: a child process (a ReceivePersistentActor on Akka.Persistence.Sql, tests/ActorBot.Persistence.CrashChild)
/// persists in a loop and is killed with SIGKILL at 20 seeded-random moments.
/// After each kill, recovery must give a contiguous 1..N with every event intact, N on an atomic-group
/// boundary (no partial atomic write), and N at least the last sequence number the child saw acknowledged.
/// The rows are read with plain SQL from the plugin's table, so what is checked is what was stored; the child's own
/// recovery at its next start checks the plugin's replay of them.
/// </summary>
public abstract class CrashSafetyContract
{
    private const int Kills = 20;
    private const string PersistenceId = "crash/child";
    private readonly ITestOutputHelper _output;

    protected CrashSafetyContract(ITestOutputHelper output)
    {
        _output = output;
    }

    protected abstract SqlPersistenceOptions NewDatabase();

    [StoreFact(DisplayName = "After each of 20 SIGKILLs the journal recovers contiguous, intact, and holding every acknowledged write")]
    public async Task Survives_sigkill()
    {
        var options = NewDatabase();
        var random = new Random(20260521);
        long recovered = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var (acked, started) = await RunChildAndKill(options, random.Next(20, 400));
            started.Should().Be(recovered + 1, "the child resumes right after the recovered highest sequence number");
            acked.Should().BeGreaterThan(recovered, "the child acknowledged new writes before the kill");

            recovered = await VerifyRecovery(options, acked);
            _output.WriteLine($"kill {kill}: child started at {started}, last ack {acked}, recovered {recovered}");
        }
    }

    private async Task<(long LastAcked, long StartedAt)> RunChildAndKill(SqlPersistenceOptions options, int killAfterEvents)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ChildDll());
        info.ArgumentList.Add(options.Provider.ToName());
        info.ArgumentList.Add(options.ConnectionString);
        info.ArgumentList.Add(PersistenceId);

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the crash child");
        long lastAcked = 0;
        long startedAt = -1;
        var killPoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                if (parts[0] == "start")
                {
                    Volatile.Write(ref startedAt, long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
                }
                else if (parts[0] == "ack")
                {
                    var acked = long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                    Volatile.Write(ref lastAcked, acked);
                    if (acked >= Volatile.Read(ref startedAt) + killAfterEvents)
                    {
                        killPoint.TrySetResult();
                    }
                }
            }
        });
        var stderr = process.StandardError.ReadToEndAsync();

        // Kill once a seeded-random number of events is acknowledged: the child then has up to 8 more groups in
        // flight, so the kill lands mid-write. A child that stops acknowledging within the bound fails the test.
        await Task.WhenAny(killPoint.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (!killPoint.Task.IsCompleted)
        {
            process.Kill();
            throw new InvalidOperationException($"crash child did not acknowledge {killAfterEvents} events (exited: {process.HasExited}, last ack {Volatile.Read(ref lastAcked)}): {await stderr}");
        }

        process.Kill(); // SIGKILL on Unix: no finally blocks, no flush, no dispose.
        await process.WaitForExitAsync();
        await reader;
        return (Volatile.Read(ref lastAcked), Volatile.Read(ref startedAt));
    }

    private static async Task<long> VerifyRecovery(SqlPersistenceOptions options, long lastAcked)
    {
        var rows = (await StoredRows.JournalAsync(options, PersistenceId)).Where(r => !r.Deleted).ToList();

        rows.Should().NotBeEmpty();
        rows.Select(r => r.SequenceNr).Should().Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), "recovery is contiguous from 1");
        foreach (var row in rows)
        {
            row.Identifier.Should().Be(JsonPersistenceSerializer.SerializerId);
            row.Manifest.Should().Be(CrashEvent.Manifest);
            var evt = TestSerializer.Json.Deserialize(row.Message, row.Manifest!);
            evt.Should().Be(CrashEvent.For(row.SequenceNr), "event {0} is intact", row.SequenceNr);
        }

        long boundary = 1;
        while (boundary <= rows.Count)
        {
            boundary += CrashEvent.GroupSizeAt(boundary);
        }

        var highest = rows[^1].SequenceNr;
        (boundary - 1).Should().Be(highest, "an atomic group is never recovered in part");
        highest.Should().BeGreaterThanOrEqualTo(lastAcked, "every acknowledged write survives the kill");
        return highest;
    }

    private static string ChildDll()
    {
        var path = typeof(CrashSafetyContract).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CrashChildDll").Value!;
        return File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException("the crash child is not built", path);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
}

public sealed class SqliteCrashSafetyTests : CrashSafetyContract, IDisposable
{
    private readonly TempSqliteFile _file = new();

    public SqliteCrashSafetyTests(ITestOutputHelper output)
        : base(output)
    {
    }

    public void Dispose() => _file.Dispose();

    protected override SqlPersistenceOptions NewDatabase() => TestDatabases.Sqlite(_file);
}

[Collection(PostgresCollection.Name)]
[RequiresPostgres]
public sealed class PostgresCrashSafetyTests : CrashSafetyContract
{
    private readonly PostgresFixture _fixture;

    public PostgresCrashSafetyTests(PostgresFixture fixture, ITestOutputHelper output)
        : base(output)
    {
        _fixture = fixture;
    }

    protected override SqlPersistenceOptions NewDatabase() => TestDatabases.Postgres(_fixture);
}
