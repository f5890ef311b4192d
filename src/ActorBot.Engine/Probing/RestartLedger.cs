using System.Collections.Concurrent;
using Akka.Actor;

namespace ActorBot.Engine.Probing;

/// <summary>Restarts of one actor path and the last failure that caused one.</summary>
public sealed record RestartRecord(int Restarts, string? LastFailure)
{
    public static readonly RestartRecord None = new(0, null);
}

/// <summary>
/// Per actor system, how often each actor path was restarted by its supervisor, and the last failure. Why here and
/// not in the actor: a restart replaces the actor instance, so a counter in it would start at zero again; the
/// supervisor's strategy is the one place that sees every failure of every child (the guardian's too, for the
/// top-level actors), so <see cref="RestartCountingStrategy"/> records here and each actor reads its own (and its
/// children's) entry when it answers <see cref="ProbeState"/>. An extension rather than a field of the parent because
/// a top-level actor's parent is Akka's guardian, which has no fields of ours. Written from the parent's thread,
/// read from the child's: a concurrent map of immutable records. Entries stay after an actor stops (paths are fixed
/// in this service, so that is bounded).
/// </summary>
public sealed class RestartLedger : IExtension
{
    private readonly ConcurrentDictionary<string, RestartRecord> _records = new(StringComparer.Ordinal);

    public static RestartLedger For(ActorSystem system) => system.WithExtension<RestartLedger, RestartLedgerId>();

    public RestartRecord Get(ActorPath path) =>
        _records.TryGetValue(Key(path), out var record) ? record : RestartRecord.None;

    public void RecordRestart(ActorPath path, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var failure = $"{cause.GetType().Name}: {cause.Message}";
        _records.AddOrUpdate(Key(path), _ => new RestartRecord(1, failure), (_, r) => new RestartRecord(r.Restarts + 1, failure));
    }

    /// <summary>Every recorded path and its record (for <c>actorbot_actor_restarts_total</c>).</summary>
    public IReadOnlyDictionary<string, RestartRecord> Snapshot() => new Dictionary<string, RestartRecord>(_records, StringComparer.Ordinal);

    private static string Key(ActorPath path) => path.ToStringWithoutAddress();
}

public sealed class RestartLedgerId : ExtensionIdProvider<RestartLedger>
{
    public override RestartLedger CreateExtension(ExtendedActorSystem system) => new();
}
