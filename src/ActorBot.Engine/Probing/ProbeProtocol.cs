using Akka.Actor;

namespace ActorBot.Engine.Probing;

/// <summary>
/// Asks any ActorBot actor for its <see cref="ActorProbe"/>: every actor answers it in every behavior (a persistent
/// actor once its recovery is done: Akka stashes commands until then, so a probe during recovery times out).
/// </summary>
public sealed record ProbeState
{
    public static readonly ProbeState Instance = new();
}

/// <summary>
/// One actor's answer to <see cref="ProbeState"/>: its type, its own short state summary (its existing status record,
/// or a few counters where it has none), how often its supervisor restarted it and why last, and its children with
/// the same restart figures (so a child that does not answer in time still shows them).
/// </summary>
public sealed record ActorProbe(string Type, object? Summary, int Restarts, string? LastFailure, IReadOnlyList<ChildProbe> Children)
{
    /// <summary>The answer of the actor behind <paramref name="context"/> (call it from the actor's own handler).</summary>
    public static ActorProbe Of(IActorContext context, object? summary)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = RestartLedger.For(context.System);
        var own = ledger.Get(context.Self.Path);
        var children = context.GetChildren()
            .Select(c => (c.Path.Name, Record: ledger.Get(c.Path)))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new ChildProbe(c.Name, c.Record.Restarts, c.Record.LastFailure))
            .ToList();
        return new ActorProbe(context.Props.Type.Name, summary, own.Restarts, own.LastFailure, children);
    }
}

/// <summary>A child as its parent sees it: name, restarts, last failure.</summary>
public sealed record ChildProbe(string Name, int Restarts, string? LastFailure);

/// <summary>The probe's reply helper: one line in every actor's receive.</summary>
public static class ProbeReply
{
    /// <summary>Replies to the probe's sender with this actor's <see cref="ActorProbe"/>.</summary>
    public static void Answer(IActorContext context, object? summary)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Sender.Tell(ActorProbe.Of(context, summary), context.Self);
    }
}
