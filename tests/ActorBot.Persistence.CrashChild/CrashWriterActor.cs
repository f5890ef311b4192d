using Akka.Actor;
using Akka.Persistence;

namespace ActorBot.Persistence.CrashChild;

/// <summary>
/// Persists <see cref="CrashEvent"/>s forever in atomic groups of 1..3 (PersistAllAsync), keeping up to
/// <c>inFlight</c> groups pending, and prints <c>ack &lt;seq&gt;</c> once a group's handler ran, i.e. after the
/// journal acknowledged it. After recovery it checks what it recovered and prints <c>start &lt;next seq&gt;</c>.
/// </summary>
public sealed class CrashWriterActor : ReceivePersistentActor
{
    private readonly TextWriter _out;
    private readonly int _inFlight;
    private long _nextToWrite;
    private long _recovered;

    public CrashWriterActor(string persistenceId, TextWriter output, int inFlight)
    {
        PersistenceId = persistenceId;
        _out = output;
        _inFlight = inFlight;

        Recover<CrashEvent>(e =>
        {
            // A torn, reordered or foreign event would make the child refuse to continue.
            if (e.Seq != LastSequenceNr || e != CrashEvent.For(e.Seq))
            {
                throw new InvalidOperationException($"recovered event at {LastSequenceNr} is not the expected one");
            }

            _recovered = e.Seq;
        });
        Recover<RecoveryCompleted>(_ =>
        {
            _nextToWrite = LastSequenceNr + 1;
            Print($"start {_nextToWrite}");
            for (var i = 0; i < _inFlight; i++)
            {
                Self.Tell(WriteNext.Instance);
            }
        });
        Command<WriteNext>(_ =>
        {
            var first = _nextToWrite;
            var size = CrashEvent.GroupSizeAt(first);
            _nextToWrite += size;
            var last = first + size - 1;
            PersistAllAsync(Enumerable.Range(0, size).Select(i => CrashEvent.For(first + i)).ToList(), e =>
            {
                if (e.Seq == last)
                {
                    Print($"ack {last}");
                    Self.Tell(WriteNext.Instance);
                }
            });
        });
    }

    public override string PersistenceId { get; }

    /// <summary>Highest sequence number recovered at start (for diagnostics).</summary>
    public long Recovered => _recovered;

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Print($"failure {sequenceNr} {cause.Message}");
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        Print($"recovery-failure {reason.Message}");
        base.OnRecoveryFailure(reason, message);
    }

    private void Print(string line)
    {
        _out.WriteLine(line);
        _out.Flush();
    }

    private sealed class WriteNext
    {
        public static readonly WriteNext Instance = new();
    }
}
