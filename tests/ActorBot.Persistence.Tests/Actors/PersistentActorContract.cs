using ActorBot.Persistence.Tests.Infrastructure;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Xunit.Abstractions;

namespace ActorBot.Persistence.Tests.Actors;

/// <summary>
/// Akka.Persistence semantics of <see cref="ReceivePersistentActor"/> on Akka.Persistence.Sql, run against SQLite and
/// PostgreSQL with the schema created beforehand (auto-initialize off) and our serializer registered, exactly as the
/// service starts them.
/// </summary>
public abstract class PersistentActorContract : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    protected PersistentActorContract(ActorSystemSetup setup, ITestOutputHelper output)
        : base(setup, null, output)
    {
    }

    [StoreFact(DisplayName = "Persisted events are recovered, in order, by the next incarnation, then RecoveryCompleted")]
    public void Recovers_persisted_events()
    {
        var first = Start("counter-1");
        ExpectMsg("recover:completed@0", Wait);
        foreach (var v in new[] { "a", "b", "c" })
        {
            first.Tell(new Add(v), TestActor);
            ExpectMsg<Persisted>(Wait).Value.Should().Be(v);
        }

        StopAndWait(first);
        var second = Start("counter-1");

        ExpectMsg("recover:event@1:a", Wait);
        ExpectMsg("recover:event@2:b", Wait);
        ExpectMsg("recover:event@3:c", Wait);
        ExpectMsg("recover:completed@3", Wait);
        second.Tell(new GetState(), TestActor);
        ExpectMsg<CounterState>(Wait).Should().BeEquivalentTo(new CounterState(["a", "b", "c"], 3, false));
    }

    [StoreFact(DisplayName = "RecoveryCompleted arrives even for a persistence id with nothing stored")]
    public void Recovery_completes_for_new_id()
    {
        Start("fresh");

        ExpectMsg("recover:completed@0", Wait);
    }

    [StoreFact(DisplayName = "Commands sent while a Persist is in flight are stashed and handled after its handler, in order")]
    public void Commands_stashed_while_persisting()
    {
        var actor = Start("stash");
        ExpectMsg("recover:completed@0", Wait);
        for (var i = 0; i < 20; i++)
        {
            actor.Tell(new Add($"v{i}"), TestActor);
            actor.Tell(new GetState(), TestActor);
        }

        for (var i = 0; i < 20; i++)
        {
            ExpectMsg<Persisted>(Wait).Should().Be(new Persisted($"v{i}", i + 1));
            var state = ExpectMsg<CounterState>(Wait);
            state.Values.Should().HaveCount(i + 1, "the GetState after Add {0} must see it", i);
            state.LastSequenceNr.Should().Be(i + 1);
        }
    }

    [StoreFact(DisplayName = "Commands sent during recovery are handled after RecoveryCompleted")]
    public void Commands_stashed_during_recovery()
    {
        var first = Start("during-recovery");
        ExpectMsg("recover:completed@0", Wait);
        first.Tell(new AddMany(Enumerable.Range(0, 2500).Select(i => $"e{i}").ToList()), TestActor);
        Drain(2500, Wait);
        StopAndWait(first);

        var second = Sys.ActorOf(CounterActor.Props("during-recovery", CreateTestProbe().Ref));
        second.Tell(new GetState(), TestActor);

        var state = ExpectMsg<CounterState>(Wait);
        state.Values.Should().HaveCount(2500);
        state.IsRecovering.Should().BeFalse();
        state.LastSequenceNr.Should().Be(2500);
    }

    [StoreFact(DisplayName = "PersistAll writes atomically and runs the handler once per event with consecutive sequence numbers")]
    public void PersistAll_runs_handler_per_event()
    {
        var actor = Start("all");
        ExpectMsg("recover:completed@0", Wait);
        actor.Tell(new AddMany(["x", "y", "z"]), TestActor);

        ExpectMsg(new Persisted("x", 1), Wait);
        ExpectMsg(new Persisted("y", 2), Wait);
        ExpectMsg(new Persisted("z", 3), Wait);
    }

    [StoreFact(DisplayName = "PersistAsync runs handlers in persist order, and DeferAsync runs after the preceding persist")]
    public void PersistAsync_and_DeferAsync_keep_order()
    {
        var actor = Start("async");
        ExpectMsg("recover:completed@0", Wait);
        for (var i = 0; i < 10; i++)
        {
            actor.Tell(new AddAsync($"a{i}"), TestActor);
        }

        actor.Tell(new AddThenDefer("last"), TestActor);

        for (var i = 0; i < 10; i++)
        {
            ExpectMsg(new Persisted($"a{i}", i + 1), Wait);
        }

        ExpectMsg(new Persisted("last", 11), Wait);
        ExpectMsg(new Deferred("last"), Wait);
    }

    [StoreFact(DisplayName = "The sender inside a persist handler is the sender of the command")]
    public void Sender_is_preserved()
    {
        var actor = Start("sender");
        ExpectMsg("recover:completed@0", Wait);
        var client = CreateTestProbe();

        client.Send(actor, new Add("from-client"));

        client.ExpectMsg(new Persisted("from-client", 1), Wait);
    }

    [StoreFact(DisplayName = "Recovery offers the newest snapshot, then replays only newer events, then completes")]
    public void Recovery_from_snapshot()
    {
        var first = Start("snap");
        ExpectMsg("recover:completed@0", Wait);
        first.Tell(new AddMany(["a", "b", "c"]), TestActor);
        Drain(3, Wait);
        first.Tell(new TakeSnapshot(), TestActor);
        ExpectMsg<SaveSnapshotSuccess>(Wait).Metadata.SequenceNr.Should().Be(3);
        first.Tell(new AddMany(["d", "e"]), TestActor);
        Drain(2, Wait);
        StopAndWait(first);

        var second = Start("snap");

        ExpectMsg("recover:snapshot@3", Wait);
        ExpectMsg("recover:event@4:d", Wait);
        ExpectMsg("recover:event@5:e", Wait);
        ExpectMsg("recover:completed@5", Wait);
        second.Tell(new GetState(), TestActor);
        ExpectMsg<CounterState>(Wait).Values.Should().Equal("a", "b", "c", "d", "e");
    }

    [StoreFact(DisplayName = "Recovery settings: SnapshotSelectionCriteria.None replays all events, ToSequenceNr stops early")]
    public void Recovery_settings()
    {
        var first = Start("settings");
        ExpectMsg("recover:completed@0", Wait);
        first.Tell(new AddMany(["a", "b", "c", "d"]), TestActor);
        Drain(4, Wait);
        first.Tell(new TakeSnapshot(), TestActor);
        ExpectMsg<SaveSnapshotSuccess>(Wait);
        StopAndWait(first);

        var all = Sys.ActorOf(CounterActor.Props("settings", TestActor, new Recovery(SnapshotSelectionCriteria.None)));
        ExpectMsg("recover:event@1:a", Wait);
        Drain(3, Wait);
        ExpectMsg("recover:completed@4", Wait);
        StopAndWait(all);

        Sys.ActorOf(CounterActor.Props("settings", TestActor, new Recovery(SnapshotSelectionCriteria.None, toSequenceNr: 2)));
        ExpectMsg("recover:event@1:a", Wait);
        ExpectMsg("recover:event@2:b", Wait);
        ExpectMsg("recover:completed@4", Wait);
    }

    [StoreFact(DisplayName = "Recovery.None replays nothing, yet new events continue after the highest stored sequence number")]
    public void Recovery_none()
    {
        var first = Start("none");
        ExpectMsg("recover:completed@0", Wait);
        first.Tell(new AddMany(["a", "b"]), TestActor);
        Drain(2, Wait);
        StopAndWait(first);

        var second = Sys.ActorOf(CounterActor.Props("none", TestActor, Recovery.None));
        ExpectMsg("recover:completed@2", Wait);
        second.Tell(new Add("c"), TestActor);

        ExpectMsg(new Persisted("c", 3), Wait);
        second.Tell(new GetState(), TestActor);
        ExpectMsg<CounterState>(Wait).Values.Should().Equal("c");
    }

    [StoreFact(DisplayName = "DeleteMessages removes events from recovery but the sequence number keeps counting from the highest")]
    public void Delete_messages()
    {
        var first = Start("delete");
        ExpectMsg("recover:completed@0", Wait);
        first.Tell(new AddMany(["a", "b", "c"]), TestActor);
        Drain(3, Wait);
        first.Tell(new DeleteUpTo(3), TestActor);
        ExpectMsg(new DeleteMessagesSuccess(3), Wait);
        first.Tell(new DeleteUpTo(10), TestActor);
        ExpectMsg<DeleteMessagesFailure>(Wait).ToSequenceNr.Should().Be(10);
        StopAndWait(first);

        var second = Start("delete");
        ExpectMsg("recover:completed@3", Wait);
        second.Tell(new Add("d"), TestActor);

        ExpectMsg(new Persisted("d", 4), Wait);
    }

    [StoreFact(DisplayName = "DeleteSnapshots replies success and later recovery replays events instead")]
    public void Delete_snapshots()
    {
        var actor = Start("delete-snap");
        ExpectMsg("recover:completed@0", Wait);
        actor.Tell(new Add("a"), TestActor);
        ExpectMsg<Persisted>(Wait);
        actor.Tell(new TakeSnapshot(), TestActor);
        ExpectMsg<SaveSnapshotSuccess>(Wait);
        actor.Tell(new DeleteAllSnapshots(), TestActor);
        ExpectMsg<DeleteSnapshotsSuccess>(Wait);
        StopAndWait(actor);

        Start("delete-snap");
        ExpectMsg("recover:event@1:a", Wait);
        ExpectMsg("recover:completed@1", Wait);
    }

    [StoreFact(DisplayName = "An actor that crashes restarts, recovers its state again and keeps serving")]
    public void Restart_recovers()
    {
        var actor = Start("restart");
        ExpectMsg("recover:completed@0", Wait);
        actor.Tell(new AddMany(["a", "b"]), TestActor);
        Drain(2, Wait);

        actor.Tell(new Crash(), TestActor);

        ExpectMsg("recover:event@1:a", Wait);
        ExpectMsg("recover:event@2:b", Wait);
        ExpectMsg("recover:completed@2", Wait);
        actor.Tell(new Add("c"), TestActor);
        ExpectMsg(new Persisted("c", 3), Wait);
    }

    [StoreFact(DisplayName = "A write that fails (two writers on one persistence id) calls OnPersistFailure and stops the actor")]
    public void Persist_failure_stops_actor()
    {
        var writer = Start("twins");
        ExpectMsg("recover:completed@0", Wait);
        var twin = Start("twins");
        ExpectMsg("recover:completed@0", Wait);
        writer.Tell(new Add("first"), TestActor);
        ExpectMsg(new Persisted("first", 1), Wait);
        Watch(twin);

        twin.Tell(new Add("second"), TestActor);

        ExpectMsg(new PersistFailed(1), Wait);
        ExpectTerminated(twin, Wait);
    }

    [StoreFact(DisplayName = "A failing recover handler calls OnRecoveryFailure and stops the actor")]
    public void Recovery_failure_stops_actor()
    {
        var first = Start("bad-recovery");
        ExpectMsg("recover:completed@0", Wait);
        first.Tell(new Add("a"), TestActor);
        ExpectMsg<Persisted>(Wait);
        StopAndWait(first);

        var second = Sys.ActorOf(CounterActor.Props("bad-recovery", TestActor, failOnRecover: true));
        Watch(second);

        ExpectMsg<RecoveryFailedWith>(Wait).Message.Should().Contain("recover handler failed on a");
        ExpectTerminated(second, Wait);
    }

    [StoreFact(DisplayName = "An event the journal cannot serialize is rejected: OnPersistRejected, and the actor continues")]
    public void Rejected_event_keeps_actor()
    {
        var actor = Start("reject");
        ExpectMsg("recover:completed@0", Wait);

        actor.Tell(new AddPoison(), TestActor);

        ExpectMsg(new Rejected(nameof(Poison), 1), Wait);
        actor.Tell(new Add("after"), TestActor);
        ExpectMsg<Persisted>(Wait).Value.Should().Be("after");
    }

    private void Drain(int count, TimeSpan max)
    {
        for (var i = 0; i < count; i++)
        {
            ReceiveOne(max).Should().NotBeNull("message {0} of {1} should arrive", i + 1, count);
        }
    }

    private IActorRef Start(string persistenceId) => Sys.ActorOf(CounterActor.Props(persistenceId, TestActor));

    private void StopAndWait(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor, Wait);
    }
}
