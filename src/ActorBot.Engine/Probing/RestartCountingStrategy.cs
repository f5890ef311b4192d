using Akka.Actor;
using Akka.Actor.Internal;

namespace ActorBot.Engine.Probing;

/// <summary>
/// One-for-one supervision that writes every restart it orders into the <see cref="RestartLedger"/> (what /actors
/// shows as restarts and last failure). Deciding stays with the decider; this only records what was decided.
/// </summary>
public sealed class RestartCountingStrategy : OneForOneStrategy
{
    public RestartCountingStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    public RestartCountingStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, IDecider decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    /// <summary>Akka's default supervision (restart on any exception, stop on init/kill/death-pact) with counting.</summary>
    public static RestartCountingStrategy Default() => new(null, null, DefaultDecider);

    /// <summary>The service's parents: restart a failing child, at most 10 times a minute (then it stops).</summary>
    public static RestartCountingStrategy RestartUpTo10PerMinute() =>
        new(10, TimeSpan.FromMinutes(1), _ => Directive.Restart);

    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(child);
        // restart is false when the decider stopped the child or its retries ran out: not a restart.
        if (restart)
        {
            RestartLedger.For(context.System).RecordRestart(child.Path, cause);
        }

        base.ProcessFailure(context, restart, child, cause, stats, children);
    }
}

/// <summary>
/// The /user guardian's strategy (<c>akka.actor.guardian-supervisor-strategy</c>): Akka's default, counted, so the
/// top-level actors' restarts show on /actors too.
/// </summary>
public sealed class CountingGuardianStrategy : SupervisorStrategyConfigurator
{
    public const string TypeName = "ActorBot.Engine.Probing.CountingGuardianStrategy, ActorBot.Engine";

    public override SupervisorStrategy Create() => RestartCountingStrategy.Default();
}
