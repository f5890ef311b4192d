using System.Data.Common;
using System.Threading.Channels;

namespace ActorBot.Persistence.Sql.Journal;

/// <summary>
/// The single journal writer. Atomic writes from any number of actors queue in a channel; the writer drains
/// what is pending (up to <c>batch-size</c> events, never splitting an atomic write) into ONE transaction and
/// completes each write's task only after COMMIT returned. If a batch fails, each of its writes is retried in
/// a transaction of its own, so one actor's duplicate sequence number fails that actor alone.
/// </summary>
internal sealed class JournalWriteBatcher : IAsyncDisposable
{
    private const int MaxYields = 4;
    private readonly SqlDatabase _database;
    private readonly Channel<PendingWrite> _queue =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly Task _loop;
    private DbConnection? _connection;
    private long _committed;

    public JournalWriteBatcher(SqlDatabase database)
    {
        _database = database;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far (evidence of batching: far fewer than writes under load).</summary>
    public long CommittedTransactions => Interlocked.Read(ref _committed);

    /// <summary>Completes after the rows are committed; faults with <see cref="JournalWriteException"/> if they are not.</summary>
    public Task WriteAsync(IReadOnlyList<JournalRow> atomicWrite)
    {
        var pending = new PendingWrite(atomicWrite);
        if (atomicWrite.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(JournalWriteBatcher), "the journal is shut down; the write was not attempted");
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>();
        var rows = new List<JournalRow>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            rows.Clear();
            Drain(reader, batch, rows);

            // Group commit: writers woken by the previous commit are still re-queuing on the thread pool. Yielding
            // lets them run first, so the next transaction (and its fsync) carries their writes instead of a few.
            for (var spin = 0; spin < MaxYields && rows.Count < _database.Options.BatchSize; spin++)
            {
                var before = rows.Count;
                await Task.Yield();
                Drain(reader, batch, rows);
                if (rows.Count == before)
                {
                    break;
                }
            }

            await WriteBatchAsync(batch, rows).ConfigureAwait(false);
        }
    }

    private void Drain(ChannelReader<PendingWrite> reader, List<PendingWrite> batch, List<JournalRow> rows)
    {
        while (rows.Count < _database.Options.BatchSize && reader.TryRead(out var write))
        {
            batch.Add(write);
            rows.AddRange(write.Rows);
        }
    }

    private async Task WriteBatchAsync(List<PendingWrite> batch, List<JournalRow> rows)
    {
        try
        {
            await CommitAsync(rows).ConfigureAwait(false);
            CompleteOffLoop(batch.ToArray());
            return;
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Nothing of the batch committed; find the culprit by writing each atomic write alone.
        }
        catch (Exception exception)
        {
            FailOffLoop(batch[0], Describe(exception, batch[0].Rows));
            return;
        }

        foreach (var write in batch)
        {
            try
            {
                await CommitAsync(write.Rows).ConfigureAwait(false);
                CompleteOffLoop([write]);
            }
            catch (Exception exception)
            {
                FailOffLoop(write, Describe(exception, write.Rows));
            }
        }
    }

    private static void FailOffLoop(PendingWrite write, JournalWriteException failure) =>
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.write.Completion.TrySetException(state.failure), (write, failure), preferLocal: false);

    // One thread-pool hop per batch, not per write: the writers' continuations run there, one after another,
    // while the loop already builds the next transaction. They never run on the writer loop itself.
    private static void CompleteOffLoop(PendingWrite[] committed) =>
        ThreadPool.UnsafeQueueUserWorkItem(
            static writes =>
            {
                foreach (var write in writes)
                {
                    write.Completion.TrySetResult();
                }
            },
            committed,
            preferLocal: false);

    private async Task CommitAsync(IReadOnlyList<JournalRow> rows)
    {
        try
        {
            _connection ??= await _database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using var transaction = await _connection.BeginTransactionAsync().ConfigureAwait(false);
            await _database.Dialect.InsertJournalRowsAsync(_connection, transaction, _database.Journal, rows, CancellationToken.None).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _committed);
        }
        catch when (!IsHealthy())
        {
            await DropConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool IsHealthy() => _connection?.State == System.Data.ConnectionState.Open;

    private async Task DropConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    private JournalWriteException Describe(Exception exception, IReadOnlyList<JournalRow> rows)
    {
        var first = rows[0];
        var last = rows[^1];
        var range = first.SequenceNr == last.SequenceNr ? $"{first.SequenceNr}" : $"{first.SequenceNr}..{last.SequenceNr}";
        if (_database.Dialect.IsUniqueViolation(exception))
        {
            return new JournalWriteException(
                $"journal already holds persistence id '{first.PersistenceId}' at sequence number {range}: two writers for one persistence id?",
                isDuplicate: true,
                exception);
        }

        return new JournalWriteException(
            $"journal write of persistence id '{first.PersistenceId}' sequence number {range} failed: {exception.Message}",
            isDuplicate: false,
            exception);
    }

    private sealed class PendingWrite(IReadOnlyList<JournalRow> rows)
    {
        public IReadOnlyList<JournalRow> Rows { get; } = rows;

        // Completed off the writer loop (see CompleteOffLoop), so continuations may run synchronously there.
        public TaskCompletionSource Completion { get; } = new();
    }
}
