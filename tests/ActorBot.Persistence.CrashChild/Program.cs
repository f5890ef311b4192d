using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Journal;
using ActorBot.Persistence.Sql.Serialization;

namespace ActorBot.Persistence.CrashChild;

/// <summary>
/// <c>CrashChild &lt;sqlite|postgresql&gt; &lt;connection string&gt; &lt;persistence id&gt;</c>: continues the journal of
/// the id from its highest sequence number, writing atomic groups of 1..3 events with up to 8 groups in flight,
/// and prints <c>ack &lt;seq&gt;</c> (flushed) for the last event of each group once its commit is acknowledged.
/// It runs until the parent kills it.
/// </summary>
public static class Program
{
    private const int MaxInFlight = 8;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: CrashChild <sqlite|postgresql> <connection string> <persistence id>");
            return 2;
        }

        var options = new SqlPersistenceOptions(SqlProviderNames.Parse(args[0]), args[1]);
        var persistenceId = args[2];
        var serializer = JsonPersistenceSerializer.Default;
        var writer = Guid.NewGuid().ToString("N");
        await using var journal = new SqlJournalStore(options);
        var next = await journal.ReadHighestSequenceNrAsync(persistenceId) + 1;
        var stdout = Console.Out;
        stdout.WriteLine($"start {next}");
        stdout.Flush();

        var inFlight = new Queue<(long Last, Task Write)>();
        while (true)
        {
            var size = CrashEvent.GroupSizeAt(next);
            var rows = new List<JournalRow>(size);
            for (var i = 0; i < size; i++)
            {
                var seq = next + i;
                var payload = serializer.Serialize(CrashEvent.For(seq), out var manifest);
                rows.Add(new JournalRow(persistenceId, seq, manifest, payload, JsonPersistenceSerializer.SerializerId, writer, DateTime.UtcNow.Ticks));
            }

            inFlight.Enqueue((next + size - 1, journal.WriteAsync(rows)));
            next += size;
            while (inFlight.Count >= MaxInFlight || (inFlight.Count > 0 && inFlight.Peek().Write.IsCompleted))
            {
                var (last, write) = inFlight.Dequeue();
                await write;
                stdout.WriteLine($"ack {last}");
                stdout.Flush();
            }
        }
    }
}
