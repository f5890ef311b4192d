using System.Collections.Concurrent;
using Akka.Event;

namespace Akka.Actor;

/// <summary>
/// Ordered shutdown of a system in Akka.NET's default phases. Tasks of one phase run in parallel, each phase
/// is bounded by its timeout (5 s; 10 s for cluster-sharding-shutdown-region, cluster-exiting and
/// actor-system-terminate) and a failed or late phase is logged and shutdown continues (recover = on). The
/// last phase terminates the system. <see cref="Run"/> is idempotent; <c>ActorSystem.Terminate()</c> runs it
/// once this extension exists (run-by-actor-system-terminate = on).
/// </summary>
public sealed class CoordinatedShutdown
{
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";
    public const string PhaseServiceUnbind = "service-unbind";
    public const string PhaseServiceRequestsDone = "service-requests-done";
    public const string PhaseServiceStop = "service-stop";
    public const string PhaseBeforeClusterShutdown = "before-cluster-shutdown";
    public const string PhaseClusterShardingShutdownRegion = "cluster-sharding-shutdown-region";
    public const string PhaseClusterLeave = "cluster-leave";
    public const string PhaseClusterExiting = "cluster-exiting";
    public const string PhaseClusterExitingDone = "cluster-exiting-done";
    public const string PhaseClusterShutdown = "cluster-shutdown";
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    private static readonly string[] Phases =
    [
        PhaseBeforeServiceUnbind, PhaseServiceUnbind, PhaseServiceRequestsDone, PhaseServiceStop,
        PhaseBeforeClusterShutdown, PhaseClusterShardingShutdownRegion, PhaseClusterLeave, PhaseClusterExiting,
        PhaseClusterExitingDone, PhaseClusterShutdown, PhaseBeforeActorSystemTerminate, PhaseActorSystemTerminate,
    ];

    private readonly ActorSystemImpl _system;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Name, Func<Task<Done>> Task)>> _tasks = new();
    private readonly object _runLock = new();
    private Task<Done>? _run;

    private CoordinatedShutdown(ActorSystemImpl system)
    {
        _system = system;
    }

    public Reason? ShutdownReason { get; private set; }

    public TimeSpan TotalTimeout => Phases.Aggregate(TimeSpan.Zero, (sum, phase) => sum + Timeout(phase));

    internal bool IsRunning => _run is not null;

    public static CoordinatedShutdown Get(ActorSystem sys)
    {
        var impl = sys as ActorSystemImpl ?? throw new ArgumentException("Not a kernel actor system.", nameof(sys));
        return (CoordinatedShutdown)impl.Extensions.GetOrAdd(typeof(CoordinatedShutdown), _ => new CoordinatedShutdown(impl));
    }

    public TimeSpan Timeout(string phase) => phase switch
    {
        PhaseClusterShardingShutdownRegion or PhaseClusterExiting or PhaseActorSystemTerminate => TimeSpan.FromSeconds(10),
        _ when Phases.Contains(phase) => TimeSpan.FromSeconds(5),
        _ => throw new ArgumentException($"Unknown coordinated-shutdown phase '{phase}'.", nameof(phase)),
    };

    /// <summary>Adds a task to a phase; register before <see cref="Run"/> (tasks of phases already run are ignored).</summary>
    public void AddTask(string phase, string taskName, Func<Task<Done>> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!Phases.Contains(phase))
        {
            throw new ArgumentException($"Unknown coordinated-shutdown phase '{phase}'; known phases: {string.Join(", ", Phases)}.", nameof(phase));
        }

        _tasks.GetOrAdd(phase, _ => new ConcurrentQueue<(string, Func<Task<Done>>)>()).Enqueue((taskName, task));
    }

    /// <summary>Runs the phases from <paramref name="fromPhase"/> (default: the first); later calls return the same task.</summary>
    public Task<Done> Run(Reason reason, string? fromPhase = null)
    {
        lock (_runLock)
        {
            if (_run is not null)
            {
                return _run;
            }

            ShutdownReason = reason;
            var start = fromPhase is null ? 0 : Array.IndexOf(Phases, fromPhase);
            if (start < 0)
            {
                throw new ArgumentException($"Unknown coordinated-shutdown phase '{fromPhase}'.", nameof(fromPhase));
            }

            _run = Task.Run(() => RunPhases(start));
            return _run;
        }
    }

    private async Task<Done> RunPhases(int start)
    {
        for (var i = start; i < Phases.Length; i++)
        {
            var phase = Phases[i];
            var tasks = _tasks.TryGetValue(phase, out var queue) ? queue.ToArray() : [];
            var running = tasks.Select(t => RunTask(phase, t.Name, t.Task)).ToList();
            if (phase == PhaseActorSystemTerminate)
            {
                running.Add(_system.TerminateNow());
            }

            var all = Task.WhenAll(running);
            var finished = await Task.WhenAny(all, Task.Delay(Timeout(phase))).ConfigureAwait(false);
            if (finished != all)
            {
                _system.Log.Warning("Coordinated shutdown phase [{0}] timed out after {1}; continuing.", phase, Timeout(phase));
            }
        }

        return Done.Instance;
    }

    private async Task RunTask(string phase, string name, Func<Task<Done>> task)
    {
        try
        {
            await task().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _system.Log.Warning(ex, "Coordinated shutdown task [{0}] in phase [{1}] failed; continuing.", name, phase);
        }
    }

    /// <summary>Why the system is shutting down.</summary>
    public class Reason
    {
        protected Reason()
        {
        }
    }

    public class ActorSystemTerminateReason : Reason
    {
        public static readonly Reason Instance = new ActorSystemTerminateReason();

        private ActorSystemTerminateReason()
        {
        }
    }

    public class ClrExitReason : Reason
    {
        public static readonly Reason Instance = new ClrExitReason();

        private ClrExitReason()
        {
        }
    }

    public class UnknownReason : Reason
    {
        public static readonly Reason Instance = new UnknownReason();

        private UnknownReason()
        {
        }
    }
}
