using Akka.Actor;
using Akka.Persistence;

namespace ActorBot.Persistence.Tests.Actors;

public sealed record Added(string Value);

public sealed record Poison(double Value);

public sealed record CounterSnapshot(IReadOnlyList<string> Values);

public sealed record Add(string Value);

public sealed record AddMany(IReadOnlyList<string> Values);

public sealed record AddAsync(string Value);

public sealed record AddThenDefer(string Value);

public sealed record AddPoison;

public sealed record GetState;

public sealed record CounterState(IReadOnlyList<string> Values, long LastSequenceNr, bool IsRecovering);

public sealed record Persisted(string Value, long SequenceNr);

public sealed record Deferred(string Value);

public sealed record TakeSnapshot;

public sealed record DeleteUpTo(long SequenceNr);

public sealed record DeleteAllSnapshots;

public sealed record Crash;

public sealed record Rejected(string EventType, long SequenceNr);

public sealed record PersistFailed(long SequenceNr);

public sealed record RecoveryFailedWith(string Message);

/// <summary>
/// The persistent actor under test: persists strings, reports every handler run, every recovery step and every
/// persistence reply to <c>probe</c>, and answers <see cref="GetState"/>.
/// </summary>
public sealed class CounterActor : ReceivePersistentActor
{
    private readonly IActorRef _probe;
    private List<string> _values = [];

    public CounterActor(string persistenceId, IActorRef probe, Recovery? recovery = null, bool failOnRecover = false)
    {
        PersistenceId = persistenceId;
        _probe = probe;
        Recovery = recovery ?? Recovery.Default;

        Recover<SnapshotOffer>(offer =>
        {
            _values = [.. ((CounterSnapshot)offer.Snapshot).Values];
            _probe.Tell($"recover:snapshot@{offer.Metadata.SequenceNr}");
        });
        Recover<Added>(e =>
        {
            if (failOnRecover)
            {
                throw new InvalidOperationException("recover handler failed on " + e.Value);
            }

            if (!IsRecovering || IsRecoveryFinished)
            {
                throw new InvalidOperationException("IsRecovering must be true while events are replayed");
            }

            _values.Add(e.Value);
            _probe.Tell($"recover:event@{LastSequenceNr}:{e.Value}");
        });
        Recover<RecoveryCompleted>(_ => _probe.Tell(IsRecovering ? "still recovering?!" : $"recover:completed@{LastSequenceNr}"));

        Command<Add>(cmd => Persist(new Added(cmd.Value), e =>
        {
            _values.Add(e.Value);
            Sender.Tell(new Persisted(e.Value, LastSequenceNr));
        }));
        Command<AddMany>(cmd => PersistAll(cmd.Values.Select(v => new Added(v)), e =>
        {
            _values.Add(e.Value);
            Sender.Tell(new Persisted(e.Value, LastSequenceNr));
        }));
        Command<AddAsync>(cmd => PersistAsync(new Added(cmd.Value), e =>
        {
            _values.Add(e.Value);
            Sender.Tell(new Persisted(e.Value, LastSequenceNr));
        }));
        Command<AddThenDefer>(cmd =>
        {
            PersistAsync(new Added(cmd.Value), e =>
            {
                _values.Add(e.Value);
                Sender.Tell(new Persisted(e.Value, LastSequenceNr));
            });
            DeferAsync(cmd.Value, v => Sender.Tell(new Deferred(v)));
        });
        Command<AddPoison>(_ => Persist(new Poison(double.NaN), _ => Sender.Tell("poison persisted?!")));
        Command<GetState>(_ => Sender.Tell(new CounterState(_values.ToList(), LastSequenceNr, IsRecovering)));
        Command<TakeSnapshot>(_ => SaveSnapshot(new CounterSnapshot(_values.ToList())));
        Command<DeleteUpTo>(cmd => DeleteMessages(cmd.SequenceNr));
        Command<DeleteAllSnapshots>(_ => DeleteSnapshots(SnapshotSelectionCriteria.Latest));
        Command<Crash>(_ => throw new InvalidOperationException("crash requested"));
        Command<SaveSnapshotSuccess>(m => _probe.Tell(m));
        Command<DeleteMessagesSuccess>(m => _probe.Tell(m));
        Command<DeleteMessagesFailure>(m => _probe.Tell(m));
        Command<DeleteSnapshotsSuccess>(m => _probe.Tell(m));
    }

    public override string PersistenceId { get; }

    public override Recovery Recovery { get; }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _probe.Tell(new Rejected(@event.GetType().Name, sequenceNr));
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _probe.Tell(new PersistFailed(sequenceNr));
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _probe.Tell(new RecoveryFailedWith(reason.Message));
    }

    public static Props Props(string persistenceId, IActorRef probe, Recovery? recovery = null, bool failOnRecover = false) =>
        Akka.Actor.Props.Create(() => new CounterActor(persistenceId, probe, recovery, failOnRecover));
}
