using Akka.Configuration;
using Akka.Event;

namespace Akka.Actor;

/// <summary>
/// A hierarchy of actors under the root guardian: <c>/user</c> holds actors created with
/// <see cref="ActorOf"/>, <c>/system</c> runtime actors. Terminate stops <c>/user</c> (children before
/// parents), then <c>/system</c>, then completes <see cref="WhenTerminated"/>.
/// </summary>
public abstract class ActorSystem : IActorRefFactory, IDisposable
{
    protected ActorSystem()
    {
        StartTime = TimeSpan.FromMilliseconds(Environment.TickCount64);
    }

    public abstract IActorRef DeadLetters { get; }

    public abstract EventStream EventStream { get; }

    public abstract ILoggingAdapter Log { get; }

    public abstract string Name { get; }

    public abstract IScheduler Scheduler { get; }

    public abstract Settings Settings { get; }

    public TimeSpan StartTime { get; }

    public TimeSpan Uptime => TimeSpan.FromMilliseconds(Environment.TickCount64) - StartTime;

    public abstract Task WhenTerminated { get; }

    public abstract IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Creates a system with the built-in defaults.</summary>
    public static ActorSystem Create(string name) => ActorSystemImpl.Start(name, KernelSettings.Default);

    /// <summary>
    /// Creates a system configured by HOCON over the kernel defaults. Read: <c>akka.actor.default-dispatcher.throughput</c>,
    /// <c>akka.actor.ask-timeout</c>, <c>akka.loglevel</c>, <c>akka.scheduler.implementation</c>
    /// (<c>"Akka.TestKit.TestScheduler, Akka.TestKit"</c> selects virtual time).
    /// </summary>
    public static ActorSystem Create(string name, Config config) =>
        ActorSystemImpl.Start(name, KernelSettings.FromConfig(config ?? ConfigurationFactory.Empty));

    public abstract void RegisterOnTermination(Action code);

    public abstract void Stop(IActorRef actor);

    public abstract Task Terminate();

    /// <summary>Terminates the system and waits (bounded) for it.</summary>
    public void Dispose()
    {
        Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
