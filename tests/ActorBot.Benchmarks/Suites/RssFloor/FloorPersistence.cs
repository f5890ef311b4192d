using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using ActorBot.Persistence.Sql.Serialization;
using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBot.Benchmarks.Suites.RssFloor;

/// <summary>
/// Layer 3: Akka.Persistence.Sql on a fresh SQLite file, set up the service's way (<see cref="SqlPersistenceOptions.For"/>
/// with the embedded batch size, <see cref="SchemaCreator"/> before the system starts, <c>WithActorBotPersistence</c>
/// with our serializer). One persistent actor persists <see cref="Events"/> small events and saves a snapshot at
/// <see cref="SnapshotAt"/>; a second incarnation then recovers snapshot + the events after it.
/// </summary>
internal static class FloorPersistence
{
    private const int Events = 5_000;
    private const int SnapshotAt = 4_000;
    private const string PersistenceId = "rss-floor-1";

    private static readonly JsonPersistenceSerializer Serializer = new(PersistenceManifests.Empty
        .Add<FloorEvent>("floor.event")
        .Add<FloorState>("floor.state"));

    /// <summary>Creates the database and its schema; the returned plugin wiring goes into Akka.Hosting's builder.</summary>
    public static Action<AkkaConfigurationBuilder> Configure(List<IDisposable> state)
    {
        var directory = Directory.CreateTempSubdirectory("actorbot-rss-floor-");
        state.Add(new DeletedDirectory(directory));
        // hocon/actorbot.conf: provider-name = sqlite, no connection string (the file under the state dir), batch-size = 100.
        var options = SqlPersistenceOptions.For("sqlite", null, directory.FullName, 100);
        SchemaCreator.Create(options);
        return akka => akka.WithActorBotPersistence(options, Serializer);
    }

    public static void Exercise(IServiceProvider services)
    {
        var system = services.GetRequiredService<ActorSystem>();
        var timeout = TimeSpan.FromMinutes(2);

        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = system.ActorOf(Props.Create(() => new Writer(written)), "writer");
        for (var i = 0; i < Events; i++)
        {
            writer.Tell(Write.Instance);
        }

        Wait(written.Task, timeout, "persist");
        Wait(writer.GracefulStop(timeout), timeout, "stop the writer");

        var recovered = new TaskCompletionSource<FloorState>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = system.ActorOf(Props.Create(() => new Reader(recovered)), "reader");
        var state = Wait(recovered.Task, timeout, "recover");
        if (state.Count != Events || state.FromSnapshot != SnapshotAt)
        {
            throw new InvalidOperationException($"recovered {state.Count} events from a snapshot at {state.FromSnapshot}, expected {Events} from {SnapshotAt}");
        }

        Wait(reader.GracefulStop(timeout), timeout, "stop the reader");
    }

    private static T Wait<T>(Task<T> task, TimeSpan timeout, string what)
    {
        Wait((Task)task, timeout, what);
        return task.Result;
    }

    private static void Wait(Task task, TimeSpan timeout, string what)
    {
        if (!task.Wait(timeout))
        {
            throw new TimeoutException($"{what}: not done in {timeout.TotalSeconds:N0} s");
        }
    }

    internal sealed record FloorEvent(long Seq, string Symbol, decimal Price, decimal Quantity);

    internal sealed record FloorState(long Count, decimal Notional, long FromSnapshot)
    {
        public FloorState Apply(FloorEvent e) => this with { Count = Count + 1, Notional = Notional + (e.Price * e.Quantity) };
    }

    private sealed class Write
    {
        public static readonly Write Instance = new();
    }

    /// <summary>Persists one event per command (Persist, as the service's actors do); snapshots once on the way.</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        private FloorState _state = new(0, 0, 0);
        private bool _snapshotSaved;

        public Writer(TaskCompletionSource written)
        {
            Command<Write>(_ => Persist(new FloorEvent(LastSequenceNr + 1, "BTCUSDT", 60_000m + (LastSequenceNr % 1000), 0.001m), e =>
            {
                _state = _state.Apply(e);
                if (_state.Count == SnapshotAt)
                {
                    SaveSnapshot(_state with { FromSnapshot = SnapshotAt });
                }

                Complete(written);
            }));
            Command<SaveSnapshotSuccess>(_ =>
            {
                _snapshotSaved = true;
                Complete(written);
            });
            Command<SaveSnapshotFailure>(f => written.TrySetException(f.Cause));
        }

        public override string PersistenceId => FloorPersistence.PersistenceId;

        private void Complete(TaskCompletionSource written)
        {
            if (_snapshotSaved && _state.Count == Events)
            {
                written.TrySetResult();
            }
        }
    }

    /// <summary>The second incarnation: snapshot offer, then the events after it.</summary>
    private sealed class Reader : ReceivePersistentActor
    {
        private readonly TaskCompletionSource<FloorState> _recovered;
        private FloorState _state = new(0, 0, 0);

        public Reader(TaskCompletionSource<FloorState> recovered)
        {
            _recovered = recovered;
            Recover<SnapshotOffer>(offer => _state = (FloorState)offer.Snapshot);
            Recover<FloorEvent>(e => _state = _state.Apply(e));
            Recover<RecoveryCompleted>(_ => recovered.TrySetResult(_state));
        }

        public override string PersistenceId => FloorPersistence.PersistenceId;

        protected override void OnRecoveryFailure(Exception reason, object? message = null) => _recovered.TrySetException(reason);
    }

    private sealed class DeletedDirectory(DirectoryInfo directory) : IDisposable
    {
        public void Dispose() => directory.Delete(recursive: true);
    }
}
