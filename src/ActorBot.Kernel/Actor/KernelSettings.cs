using LogLevel = Akka.Event.LogLevel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Akka.Actor;

/// <summary>
/// The runtime settings the kernel actually uses, resolved once at system creation (from HOCON when a
/// Config is given). Defaults follow Akka.NET's reference configuration.
/// </summary>
internal sealed record KernelSettings
{
    public static KernelSettings Default { get; } = new();

    /// <summary><c>akka.actor.default-dispatcher.throughput</c>: user messages per mailbox run.</summary>
    public int Throughput { get; init; } = 30;

    /// <summary><c>akka.actor.ask-timeout</c>; null = infinite.</summary>
    public TimeSpan? AskTimeout { get; init; }

    /// <summary><c>akka.loglevel</c>.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.InfoLevel;

    /// <summary>Creates the scheduler (<c>akka.scheduler.implementation</c>); null = the real-time scheduler.</summary>
    public Func<ActorSystemImpl, IScheduler>? SchedulerFactory { get; init; }

    /// <summary>Where logging-adapter output goes (Akka.Hosting passes the host's factory).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The HOCON the settings came from (null when created without one).</summary>
    public object? Config { get; init; }
}
