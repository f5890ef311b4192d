using System.Text;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Serialization;
using ActorBot.Persistence.Tests.Actors;
using ActorBot.Persistence.Tests.Infrastructure;
using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Xunit.Abstractions;

namespace ActorBot.Persistence.Tests.Serialization;

/// <summary>A type that carries the marker but was never given a manifest.</summary>
public sealed record ForgottenEvent(string Value) : IPersisted;

/// <summary>
/// What the real plugin stores: rows written through Akka.Persistence.Sql carry our serializer id and stable manifest
/// (read back with plain SQL), never Akka's default Newtonsoft serializer with <c>$type</c> names.
/// </summary>
public sealed class SerializerRegistrationTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TempSqliteFile _file;
    private readonly SqlPersistenceOptions _options;

    public SerializerRegistrationTests(ITestOutputHelper output)
        : this(new TempSqliteFile(), output)
    {
    }

    private SerializerRegistrationTests(TempSqliteFile file, ITestOutputHelper output)
        : base(ActorBotPersistence.SystemSetup(TestDatabases.Sqlite(file), TestSerializer.Json), null, output)
    {
        _file = file;
        _options = file.Options;
    }

    [Fact(DisplayName = "Every registered type and the IPersisted marker resolve to our serializer, not Akka's default")]
    public void Bindings()
    {
        var serialization = Sys.Serialization;

        foreach (var type in TestSerializer.Manifests.Types.Append(typeof(ForgottenEvent)))
        {
            serialization.FindSerializerForType(type).Should().BeOfType<ActorBotJsonSerializer>(type.Name);
        }

        serialization.FindSerializerForType(typeof(Added)).Identifier.Should().Be(JsonPersistenceSerializer.SerializerId);
    }

    [Fact(DisplayName = "An event and a snapshot persisted through the plugin are stored with our serializer id and stable manifest, as plain JSON")]
    public async Task Stored_rows_are_ours()
    {
        var actor = Sys.ActorOf(CounterActor.Props("stored", TestActor));
        ExpectMsg("recover:completed@0", Wait);
        actor.Tell(new Add("order-1"), TestActor);
        ExpectMsg(new Persisted("order-1", 1), Wait);
        actor.Tell(new TakeSnapshot(), TestActor);
        ExpectMsg<SaveSnapshotSuccess>(Wait);

        var journal = await StoredRows.JournalAsync(_options, "stored");
        var snapshots = await StoredRows.SnapshotsAsync(_options, "stored");

        var row = journal.Should().ContainSingle().Subject;
        row.Identifier.Should().Be(JsonPersistenceSerializer.SerializerId);
        row.Manifest.Should().Be("test.counter.added");
        Encoding.UTF8.GetString(row.Message).Should().Be("""{"Value":"order-1"}""");
        var snapshot = snapshots.Should().ContainSingle().Subject;
        snapshot.SerializerId.Should().Be(JsonPersistenceSerializer.SerializerId);
        snapshot.Manifest.Should().Be("test.counter.snapshot");
        Encoding.UTF8.GetString(snapshot.Snapshot).Should().NotContain("$type");
    }

    [Fact(DisplayName = "A marked type without a manifest is rejected by the journal naming the type, and the actor continues")]
    public void Forgotten_manifest_rejected()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ForgetfulActor(TestActor)));

        actor.Tell("persist", TestActor);

        ExpectMsg<string>(Wait).Should().Contain(nameof(ForgottenEvent));
    }

    [Fact(DisplayName = "Renaming the CLR type of an event does not break replay: the stored manifest is a stable string, not a type name")]
    public async Task Rename_keeps_replay()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(CounterActor.Props("renamed", probe));
        probe.ExpectMsg("recover:completed@0", Wait);
        actor.Tell(new AddMany(["a", "b"]), TestActor);
        ExpectMsg(new Persisted("a", 1), Wait);
        ExpectMsg(new Persisted("b", 2), Wait);
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor, Wait);

        // A later build: Added is gone, ValueAppended holds the same manifest. A fresh actor system stands for it.
        var renamed = new JsonPersistenceSerializer(PersistenceManifests.Empty.Add<ValueAppended>("test.counter.added"));
        using var later = ActorSystem.Create("later", ActorBotPersistence.SystemSetup(_options, renamed));
        var reader = CreateTestProbe(later);
        later.ActorOf(Props.Create(() => new RenamedCounterActor("renamed", reader.Ref)));

        reader.ExpectMsg(new ValueAppended("a"), Wait);
        reader.ExpectMsg(new ValueAppended("b"), Wait);
        reader.ExpectMsg("done@2", Wait);
        await later.Terminate();
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _file.Dispose();
    }

    private sealed class ForgetfulActor : ReceivePersistentActor
    {
        private readonly IActorRef _probe;

        public ForgetfulActor(IActorRef probe)
        {
            _probe = probe;
            Command<string>(_ => Persist(new ForgottenEvent("x"), _ => _probe.Tell("persisted?!")));
        }

        public override string PersistenceId => "forgetful";

        protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
            _probe.Tell($"rejected: {cause.Message}");
    }
}
