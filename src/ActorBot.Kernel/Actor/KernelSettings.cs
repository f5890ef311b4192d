using Akka.Configuration;
using Akka.Event;
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

    private const string UnboundedMailboxType = "Akka.Dispatch.UnboundedMailbox";

    private static readonly HashSet<string> SupportedMailboxTypes =
        [UnboundedMailboxType, "Akka.Dispatch.UnboundedDequeBasedMailbox", "unbounded"];

    /// <summary><c>akka.actor.default-dispatcher.throughput</c>: user messages per mailbox run.</summary>
    public int Throughput { get; init; } = 30;

    /// <summary><c>akka.actor.default-mailbox.stash-capacity</c>: most messages one actor may stash; -1 = unbounded.</summary>
    public int StashCapacity { get; init; } = -1;

    /// <summary><c>akka.actor.ask-timeout</c>; null = infinite.</summary>
    public TimeSpan? AskTimeout { get; init; }

    /// <summary><c>akka.loglevel</c>.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.InfoLevel;

    /// <summary>Creates the scheduler (<c>akka.scheduler.implementation</c>); null = the real-time scheduler.</summary>
    public Func<ActorSystemImpl, IScheduler>? SchedulerFactory { get; init; }

    /// <summary>Where logging-adapter output goes (Akka.Hosting passes the host's factory).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The HOCON the settings came from (user config over the reference defaults).</summary>
    public Config Config { get; init; } = KernelReferenceConfig.Config;

    /// <summary>Reads the keys the kernel uses; a bad value is a <see cref="ConfigurationException"/> naming the key.</summary>
    public static KernelSettings FromConfig(Config userConfig, ILoggerFactory? loggerFactory = null)
    {
        var config = userConfig.WithFallback(KernelReferenceConfig.Config);
        var throughput = config.GetInt("akka.actor.default-dispatcher.throughput", 30);
        if (throughput < 1)
        {
            throw new ConfigurationException(
                $"akka.actor.default-dispatcher.throughput must be at least 1, got {throughput}.");
        }

        // The kernel has one mailbox kind: unbounded, deque-based (it also serves IWithUnboundedStash).
        // A config that asks for another kind (bounded, priority) would silently change back-pressure
        // semantics if ignored, so it is refused with the key and the supported value named.
        var mailboxType = config.GetString("akka.actor.default-mailbox.mailbox-type", UnboundedMailboxType).Trim();
        if (!SupportedMailboxTypes.Contains(mailboxType.Split(',')[0].Trim()))
        {
            throw new ConfigurationException(
                $"akka.actor.default-mailbox.mailbox-type: '{mailboxType}' is not supported; the kernel provides \"{UnboundedMailboxType}\".");
        }

        var stashCapacity = config.GetInt("akka.actor.default-mailbox.stash-capacity", -1);
        if (stashCapacity < -1 || stashCapacity == 0)
        {
            throw new ConfigurationException(
                $"akka.actor.default-mailbox.stash-capacity must be -1 (unbounded) or positive, got {stashCapacity}.");
        }

        var askTimeout = config.GetTimeSpan("akka.actor.ask-timeout", null, allowInfinite: true);
        var levelText = config.GetString("akka.loglevel", "INFO");
        LogLevel level;
        try
        {
            level = levelText.Trim().Equals("OFF", StringComparison.OrdinalIgnoreCase)
                ? (LogLevel)int.MaxValue
                : Logging.LogLevelFor(levelText);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException($"akka.loglevel: {ex.Message}", ex);
        }

        var schedulerClass = config.GetString("akka.scheduler.implementation", KernelReferenceConfig.RealSchedulerClass);
        return new KernelSettings
        {
            Throughput = throughput,
            StashCapacity = stashCapacity,
            AskTimeout = askTimeout == Timeout.InfiniteTimeSpan || askTimeout <= TimeSpan.Zero ? null : askTimeout,
            LogLevel = level,
            SchedulerFactory = SchedulerFactoryFor(schedulerClass, config),
            LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance,
            Config = config,
        };
    }

    /// <summary>
    /// Resolves <c>akka.scheduler.implementation</c>. Akka.NET assembly names do not exist here, so a
    /// type that is not found by its assembly-qualified name is looked up by full name in the loaded
    /// assemblies. The type needs a (Config, ILoggingAdapter) constructor, like Akka.NET schedulers.
    /// </summary>
    private static Func<ActorSystemImpl, IScheduler>? SchedulerFactoryFor(string schedulerClass, Config config)
    {
        var name = schedulerClass.Trim();
        if (name.Length == 0 || name.StartsWith(KernelReferenceConfig.RealSchedulerClass, StringComparison.Ordinal)
            || name.StartsWith("Akka.Actor.DedicatedThreadScheduler", StringComparison.Ordinal))
        {
            return null;
        }

        var type = Type.GetType(name, throwOnError: false) ?? FindLoadedType(name.Split(',')[0].Trim());
        if (type is null || !typeof(IScheduler).IsAssignableFrom(type))
        {
            throw new ConfigurationException(
                $"akka.scheduler.implementation: '{schedulerClass}' is not a loaded IScheduler type.");
        }

        var schedulerConfig = config.GetConfig("akka.scheduler");
        return system => (IScheduler)Activator.CreateInstance(type, schedulerConfig, system.Log)!;
    }

    private static Type? FindLoadedType(string fullName)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.GetType(fullName, throwOnError: false) is { } type)
            {
                return type;
            }
        }

        return null;
    }
}
