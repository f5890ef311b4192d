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

    public TimeSpan StartTime { get; }

    public TimeSpan Uptime => TimeSpan.FromMilliseconds(Environment.TickCount64) - StartTime;

    public abstract Task WhenTerminated { get; }

    public abstract IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Creates a system with the built-in defaults.</summary>
    public static ActorSystem Create(string name) => ActorSystemImpl.Start(name, KernelSettings.Default);

    public abstract void RegisterOnTermination(Action code);

    public abstract void Stop(IActorRef actor);

    public abstract Task Terminate();

    /// <summary>Terminates the system and waits (bounded) for it.</summary>
    public void Dispose()
    {
        Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
