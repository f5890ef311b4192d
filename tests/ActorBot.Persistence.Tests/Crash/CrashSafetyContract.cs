using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using ActorBot.Persistence.CrashChild;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Journal;
using ActorBot.Persistence.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ActorBot.Persistence.Tests.Crash;

/// <summary>
/// Crash safety: a child process (a ReceivePersistentActor on the SQL journal, tests/ActorBot.Persistence.CrashChild)
/// persists in a loop and is killed with SIGKILL at 20 seeded-random moments.
/// After each kill, recovery must give a contiguous 1..N with every event intact, N on an atomic-group
/// boundary (no partial atomic write), and N at least the last sequence number the child saw acknowledged.
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
            var (acked, started) = await RunChildAndKill(options, random.Next(30, 400));
            started.Should().Be(recovered + 1, "the child resumes right after the recovered highest sequence number");
            acked.Should().BeGreaterThan(recovered, "the child acknowledged new writes before the kill");

            recovered = await VerifyRecovery(options, acked);
            _output.WriteLine($"kill {kill}: child started at {started}, last ack {acked}, recovered {recovered}");
        }
    }

    private async Task<(long LastAcked, long StartedAt)> RunChildAndKill(SqlPersistenceOptions options, int killAfterMs)
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
        var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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
                    Volatile.Write(ref lastAcked, long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
                    firstAck.TrySetResult();
                }
            }
        });
        var stderr = process.StandardError.ReadToEndAsync();

        // Kill at a random moment after the child is writing; a child that never acknowledges fails the test.
        var started = await Task.WhenAny(firstAck.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(20)));
        if (!firstAck.Task.IsCompleted)
        {
            process.Kill();
            throw new InvalidOperationException($"crash child acknowledged nothing (exited: {process.HasExited}): {await stderr}");
        }

        await Task.Delay(killAfterMs);
        process.Kill(); // SIGKILL on Unix: no finally blocks, no flush, no dispose.
        await process.WaitForExitAsync();
        await reader;
        return (Volatile.Read(ref lastAcked), Volatile.Read(ref startedAt));
    }

    private static async Task<long> VerifyRecovery(SqlPersistenceOptions options, long lastAcked)
    {
        await using var journal = new SqlJournalStore(options);
        var rows = new List<JournalRow>();
        await journal.ReplayAsync(PersistenceId, 1, long.MaxValue, long.MaxValue, rows.Add);

        rows.Should().NotBeEmpty();
        rows.Select(r => r.SequenceNr).Should().Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), "recovery is contiguous from 1");
        foreach (var row in rows)
        {
            var evt = JsonSerializer.Deserialize<CrashEvent>(row.Message);
            evt.Should().Be(CrashEvent.For(row.SequenceNr), "event {0} is intact", row.SequenceNr);
            row.Manifest.Should().Be("ActorBot.Persistence.CrashChild.CrashEvent, ActorBot.Persistence.CrashChild");
        }

        long boundary = 1;
        while (boundary <= rows.Count)
        {
            boundary += CrashEvent.GroupSizeAt(boundary);
        }

        var highest = rows[^1].SequenceNr;
        (boundary - 1).Should().Be(highest, "an atomic group is never recovered in part");
        highest.Should().BeGreaterThanOrEqualTo(lastAcked, "every acknowledged write survives the kill");
        (await journal.ReadHighestSequenceNrAsync(PersistenceId)).Should().Be(highest);
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

    protected override SqlPersistenceOptions NewDatabase() => SqlPersistenceOptions.SqliteFile(_file.Path);
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

    protected override SqlPersistenceOptions NewDatabase() => new(SqlProvider.PostgreSql, _fixture.Server.CreateIsolatedConnectionString());
}
