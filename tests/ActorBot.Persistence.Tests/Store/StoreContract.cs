using System.Text;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Inspection;
using ActorBot.Persistence.Sql.Journal;
using ActorBot.Persistence.Sql.Snapshot;
using ActorBot.Persistence.Tests.Infrastructure;

namespace ActorBot.Persistence.Tests.Store;

/// <summary>
/// The journal and snapshot store contract, run once per database (SQLite and PostgreSQL subclasses).
/// Each test gets a fresh, isolated database from <see cref="NewDatabase"/>.
/// </summary>
public abstract class StoreContract
{
    private static readonly DateTime T0 = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    /// <summary>Options pointing at a new, empty database (file or schema) used by this test only.</summary>
    protected abstract SqlPersistenceOptions NewDatabase();

    /// <summary>Column names of a table, lower case, as the database reports them.</summary>
    protected abstract Task<IReadOnlyList<string>> ColumnsOfAsync(SqlPersistenceOptions options, string table);

    [StoreFact(DisplayName = "Events written are replayed in sequence order with payload, manifest, serializer id and writer uuid intact")]
    public async Task Events_round_trip()
    {
        await using var journal = new SqlJournalStore(NewDatabase());
        await journal.WriteAsync([Row("a", 1, "one"), Row("a", 2, "two")]);
        await journal.WriteAsync([Row("a", 3, "three")]);
        await journal.WriteAsync([Row("b", 1, "other")]);

        var replayed = await ReplayAll(journal, "a");

        replayed.Select(r => r.SequenceNr).Should().Equal(1, 2, 3);
        replayed.Select(r => Encoding.UTF8.GetString(r.Message)).Should().Equal("one", "two", "three");
        replayed.Should().AllSatisfy(r =>
        {
            r.Manifest.Should().Be("test.manifest");
            r.SerializerId.Should().Be(7);
            r.WriterUuid.Should().Be("writer-1");
            r.Created.Should().Be(T0.Ticks);
        });
    }

    [StoreFact(DisplayName = "Replay honours the from, to and max bounds")]
    public async Task Replay_bounds()
    {
        await using var journal = new SqlJournalStore(NewDatabase());
        await journal.WriteAsync(Enumerable.Range(1, 10).Select(i => Row("a", i, $"e{i}")).ToList());

        var rows = new List<long>();
        var count = await journal.ReplayAsync("a", 3, 8, 4, r => rows.Add(r.SequenceNr));

        count.Should().Be(4);
        rows.Should().Equal(3, 4, 5, 6);
        (await journal.ReplayAsync("a", 9, 8, 100, _ => { })).Should().Be(0);
        (await journal.ReplayAsync("a", 1, 10, 0, _ => { })).Should().Be(0);
    }

    [StoreFact(DisplayName = "The highest sequence number is 0 for an unknown id and does not go down when events are deleted")]
    public async Task Highest_sequence_number_survives_delete()
    {
        await using var journal = new SqlJournalStore(NewDatabase());
        (await journal.ReadHighestSequenceNrAsync("nobody")).Should().Be(0);
        await journal.WriteAsync(Enumerable.Range(1, 5).Select(i => Row("a", i, $"e{i}")).ToList());

        await journal.DeleteMessagesToAsync("a", 3);
        (await ReplayAll(journal, "a")).Select(r => r.SequenceNr).Should().Equal(4, 5);

        await journal.DeleteMessagesToAsync("a", long.MaxValue);
        (await ReplayAll(journal, "a")).Should().BeEmpty();
        (await journal.ReadHighestSequenceNrAsync("a")).Should().Be(5);

        await journal.WriteAsync([Row("a", 6, "after delete")]);
        (await ReplayAll(journal, "a")).Select(r => r.SequenceNr).Should().Equal(6);
    }

    [StoreFact(DisplayName = "A duplicate (persistence_id, sequence_number) fails loudly, and only that write fails")]
    public async Task Duplicate_fails_loudly()
    {
        await using var journal = new SqlJournalStore(NewDatabase());
        await journal.WriteAsync([Row("a", 1, "first")]);

        // Queued together so they land in one batch: the batch fails, the innocent writes are retried alone.
        var innocent1 = journal.WriteAsync([Row("b", 1, "b1")]);
        var duplicate = journal.WriteAsync([Row("a", 1, "second")]);
        var innocent2 = journal.WriteAsync([Row("c", 1, "c1"), Row("c", 2, "c2")]);

        var act = async () => await duplicate;
        (await act.Should().ThrowAsync<JournalWriteException>()).Which.IsDuplicate.Should().BeTrue();
        await innocent1;
        await innocent2;
        (await ReplayAll(journal, "a")).Select(r => Encoding.UTF8.GetString(r.Message)).Should().Equal("first");
        (await ReplayAll(journal, "c")).Should().HaveCount(2);
    }

    [StoreFact(DisplayName = "An atomic write is all or nothing: a duplicate inside it leaves none of its events")]
    public async Task Atomic_write_all_or_nothing()
    {
        await using var journal = new SqlJournalStore(NewDatabase());
        await journal.WriteAsync([Row("a", 2, "existing")]);

        var act = async () => await journal.WriteAsync([Row("a", 1, "x"), Row("a", 2, "dup"), Row("a", 3, "y")]);

        await act.Should().ThrowAsync<JournalWriteException>();
        (await ReplayAll(journal, "a")).Select(r => r.SequenceNr).Should().Equal(2);
    }

    [StoreFact(DisplayName = "Writes from 100 persistence ids are all committed, contiguous, and batched into fewer transactions")]
    public async Task Many_writers_batched()
    {
        var options = NewDatabase() with { BatchSize = 500 };
        await using var journal = new SqlJournalStore(options);
        await journal.InitializeAsync();
        var writes = new List<Task>();
        for (var seq = 1; seq <= 20; seq++)
        {
            for (var actor = 0; actor < 100; actor++)
            {
                writes.Add(journal.WriteAsync([Row($"actor-{actor}", seq, $"{actor}:{seq}")]));
            }
        }

        await Task.WhenAll(writes);

        journal.CommittedTransactions.Should().BeLessThan(writes.Count / 2, "pending writes of many actors share a transaction");
        for (var actor = 0; actor < 100; actor++)
        {
            var rows = await ReplayAll(journal, $"actor-{actor}");
            rows.Select(r => r.SequenceNr).Should().Equal(Enumerable.Range(1, 20).Select(i => (long)i));
            rows.Select(r => Encoding.UTF8.GetString(r.Message)).Should().Equal(Enumerable.Range(1, 20).Select(i => $"{actor}:{i}"));
        }
    }

    [StoreFact(DisplayName = "An acknowledged write is visible to a second store instance opened on the same database")]
    public async Task Acknowledged_write_is_durable_across_instances()
    {
        var options = NewDatabase();
        await using (var first = new SqlJournalStore(options))
        {
            await first.WriteAsync([Row("a", 1, "kept")]);
            await using var second = new SqlJournalStore(options);
            (await ReplayAll(second, "a")).Should().ContainSingle();
        }

        await using var reopened = new SqlJournalStore(options);
        (await reopened.ReadHighestSequenceNrAsync("a")).Should().Be(1);
    }

    [StoreFact(DisplayName = "Tables are created automatically with Akka.Persistence.Sql's column names")]
    public async Task Schema_matches_akka_persistence_sql()
    {
        var options = NewDatabase();
        await using (var journal = new SqlJournalStore(options))
        await using (var snapshots = new SqlSnapshotStorage(options))
        {
            await journal.InitializeAsync();
            await journal.InitializeAsync();
            await snapshots.InitializeAsync();
        }

        (await ColumnsOfAsync(options, "journal")).Should().BeEquivalentTo(
            "ordering", "deleted", "persistence_id", "sequence_number", "created", "tags", "message", "identifier", "manifest", "writer_uuid");
        (await ColumnsOfAsync(options, "snapshot")).Should().BeEquivalentTo(
            "persistence_id", "sequence_number", "created", "snapshot", "manifest", "serializer_id");
    }

    [StoreFact(DisplayName = "Loading a snapshot returns the newest one inside the selection criteria, or none")]
    public async Task Snapshot_load_newest_matching()
    {
        await using var store = new SqlSnapshotStorage(NewDatabase());
        (await store.LoadAsync("a", SnapshotRange.Latest)).Should().BeNull();
        await store.SaveAsync(Snap("a", 10, T0, "s10"));
        await store.SaveAsync(Snap("a", 20, T0.AddMinutes(1), "s20"));
        await store.SaveAsync(Snap("a", 30, T0.AddMinutes(2), "s30"));
        await store.SaveAsync(Snap("b", 99, T0, "b99"));

        Text((await store.LoadAsync("a", SnapshotRange.Latest))!).Should().Be("s30");
        Text((await store.LoadAsync("a", new SnapshotRange(25, long.MaxValue)))!).Should().Be("s20");
        Text((await store.LoadAsync("a", new SnapshotRange(long.MaxValue, T0.AddSeconds(30).Ticks)))!).Should().Be("s10");
        Text((await store.LoadAsync("a", new SnapshotRange(long.MaxValue, long.MaxValue, MinSequenceNr: 15, MinCreatedTicks: 0)))!).Should().Be("s30");
        (await store.LoadAsync("a", new SnapshotRange(5, long.MaxValue))).Should().BeNull();
        var loaded = (await store.LoadAsync("a", SnapshotRange.Latest))!;
        loaded.Created.Should().Be(T0.AddMinutes(2).Ticks);
        loaded.Manifest.Should().Be("snap.manifest");
        loaded.SerializerId.Should().Be(7);
    }

    [StoreFact(DisplayName = "Saving a snapshot again at the same sequence number replaces it")]
    public async Task Snapshot_upsert()
    {
        await using var store = new SqlSnapshotStorage(NewDatabase());
        await store.SaveAsync(Snap("a", 10, T0, "old"));
        await store.SaveAsync(Snap("a", 10, T0.AddSeconds(1), "new"));

        Text((await store.LoadAsync("a", SnapshotRange.Latest))!).Should().Be("new");
    }

    [StoreFact(DisplayName = "Deleting snapshots by criteria or by exact sequence number removes only those")]
    public async Task Snapshot_delete()
    {
        await using var store = new SqlSnapshotStorage(NewDatabase());
        foreach (var seq in new[] { 10L, 20, 30, 40 })
        {
            await store.SaveAsync(Snap("a", seq, T0, $"s{seq}"));
        }

        (await store.DeleteAsync("a", 40)).Should().Be(1);
        (await store.DeleteAsync("a", new SnapshotRange(20, long.MaxValue))).Should().Be(2);

        Text((await store.LoadAsync("a", SnapshotRange.Latest))!).Should().Be("s30");
        (await store.LoadAsync("a", new SnapshotRange(29, long.MaxValue))).Should().BeNull();
    }

    [StoreFact(DisplayName = "Inspection lists persistence ids with highest sequence numbers, live event counts and snapshot times and sizes")]
    public async Task Inspection_summarises_state()
    {
        var options = NewDatabase();
        await using (var journal = new SqlJournalStore(options))
        await using (var snapshots = new SqlSnapshotStorage(options))
        {
            await journal.WriteAsync(Enumerable.Range(1, 5).Select(i => Row("zones/BTCUSDT", i, $"e{i}")).ToList());
            await journal.DeleteMessagesToAsync("zones/BTCUSDT", 2);
            await journal.WriteAsync([Row("execution/binance", 1, "order")]);
            await snapshots.SaveAsync(Snap("zones/BTCUSDT", 4, T0.AddHours(1), "12345678"));
            await snapshots.SaveAsync(Snap("calibrator/BTCUSDT", 9, T0, "abc"));
        }

        var states = await new StateInspector(options).InspectAsync();

        states.Select(s => s.PersistenceId).Should().Equal("calibrator/BTCUSDT", "execution/binance", "zones/BTCUSDT");
        var zones = states[2];
        zones.HighestSequenceNr.Should().Be(5);
        zones.EventCount.Should().Be(3);
        zones.LowestSequenceNr.Should().Be(3);
        zones.LastWrite.Should().Be(T0);
        zones.Snapshots.Should().Equal(new SnapshotState(4, T0.AddHours(1), 8));
        states[0].HighestSequenceNr.Should().Be(0);
        states[0].Snapshots.Should().Equal(new SnapshotState(9, T0, 3));

        var one = await new StateInspector(options).InspectAsync("execution/binance");
        one.Should().ContainSingle().Which.HighestSequenceNr.Should().Be(1);
        StateReport.ToTable(states).Should().Contain("zones/BTCUSDT").And.Contain("#4 at 2026-01-02 04:04:05, 8 B");
        StateReport.ToJson(one).Should().Contain("\"highest_sequence_nr\": 1");
    }

    protected static JournalRow Row(string pid, long seq, string text) =>
        new(pid, seq, "test.manifest", Encoding.UTF8.GetBytes(text), 7, "writer-1", T0.Ticks);

    private static SnapshotRow Snap(string pid, long seq, DateTime created, string text) =>
        new(pid, seq, created.Ticks, "snap.manifest", Encoding.UTF8.GetBytes(text), 7);

    private static string Text(SnapshotRow row) => Encoding.UTF8.GetString(row.Snapshot);

    protected static async Task<List<JournalRow>> ReplayAll(SqlJournalStore journal, string pid)
    {
        var rows = new List<JournalRow>();
        await journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue, rows.Add);
        return rows;
    }
}
