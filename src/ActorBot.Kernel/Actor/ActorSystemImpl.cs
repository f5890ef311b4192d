using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Akka.Dispatch.SysMsg;
using Akka.Event;

namespace Akka.Actor;

/// <summary>The kernel's actor system: guardians, dead letters, event stream, scheduler, logging.</summary>
internal sealed partial class ActorSystemImpl : ActorSystem
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<Action> _onTermination = new();
    private readonly EventStream _eventStream = new(false);
    private readonly DeadLetterActorRef _deadLetters;
    private readonly IScheduler _scheduler;
    private readonly ILoggingAdapter _log;
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly ActorPath _tempPath;
    private long _tempCounter;
    private int _terminateRequested;

    private ActorSystemImpl(string name, KernelSettings settings)
    {
        Name = name;
        KernelSettings = settings;
        Settings = new Settings(this, settings.Config);
        _eventStream.SetLogLevel(settings.LogLevel);
        var rootPath = new RootActorPathImpl(new Address("akka", name));
        _deadLetters = new DeadLetterActorRef(this, new ChildActorPathImpl(rootPath, "deadLetters", 0));
        _tempPath = new ChildActorPathImpl(rootPath, "temp", 0);
        _log = CreateLogger(typeof(ActorSystem).FullName!, $"akka://{name}", null);
        _scheduler = settings.SchedulerFactory?.Invoke(this)
            ?? new DedicatedThreadScheduler(name, ex => _log.Error(ex, "Scheduled action threw."));
        _root = new ActorCell(this, Props.FromFactory(() => new GuardianActor(SupervisorStrategy.StoppingStrategy)), null, rootPath);
        _root.SendSystemMessage(Dispatch.SysMsg.Create.Instance);
        _userGuardian = _root.AttachChild(Props.FromFactory(() => new GuardianActor(SupervisorStrategy.DefaultStrategy)), "user");
        _systemGuardian = _root.AttachChild(Props.FromFactory(() => new GuardianActor(SupervisorStrategy.DefaultStrategy)), "system");
    }

    public override string Name { get; }

    internal KernelSettings KernelSettings { get; }

    public override Settings Settings { get; }

    public override IActorRef DeadLetters => _deadLetters;

    public override EventStream EventStream => _eventStream;

    public override ILoggingAdapter Log => _log;

    public override IScheduler Scheduler => _scheduler;

    public override Task WhenTerminated => _terminated.Task;

    /// <summary>Per-system extension instances (Akka.Hosting's ActorRegistry lives here).</summary>
    internal ConcurrentDictionary<Type, object> Extensions { get; } = new();

    internal static ActorSystemImpl Start(string name, KernelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException(
                $"Invalid ActorSystem name [{name}]: it must start with an ASCII letter or digit and contain only letters, digits, '-' and '_'.",
                nameof(name));
        }

        return new ActorSystemImpl(name, settings);
    }

    public override IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Creates an actor under <c>/system</c>.</summary>
    internal IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.ActorOf(props, name);

    public override void RegisterOnTermination(Action code)
    {
        if (_terminated.Task.IsCompleted)
        {
            code();
            return;
        }

        _onTermination.Enqueue(code);
    }

    public override void Stop(IActorRef actor)
    {
        if (actor.AsInternal() is LocalActorRef local && ReferenceEquals(local.Cell, _userGuardian))
        {
            Terminate();
            return;
        }

        _userGuardian.Stop(actor);
    }

    /// <summary>Runs CoordinatedShutdown when it is in use (its last phase terminates), else terminates now.</summary>
    public override Task Terminate()
    {
        if (Extensions.TryGetValue(typeof(CoordinatedShutdown), out var extension))
        {
            ((CoordinatedShutdown)extension).Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
            return WhenTerminated;
        }

        return TerminateNow();
    }

    /// <summary>Stops /user, then /system, then the root.</summary>
    internal Task TerminateNow()
    {
        if (Interlocked.Exchange(ref _terminateRequested, 1) == 0)
        {
            _userGuardian.SendSystemMessage(Dispatch.SysMsg.Terminate.Instance);
        }

        return WhenTerminated;
    }

    internal ActorPath NewTempPath() =>
        new ChildActorPathImpl(_tempPath, "$" + Interlocked.Increment(ref _tempCounter), 0);

    internal void PublishDeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        // A dead letter about a dead letter (a stopped subscriber of DeadLetter) would recurse forever.
        if (message is IDeadLetterSuppression or AllDeadLetters)
        {
            return;
        }

        _eventStream.Publish(new DeadLetter(message, sender ?? _deadLetters, recipient));
    }

    /// <summary>Termination order: /user, then /system, then the root.</summary>
    internal void OnChildTerminated(ActorCell parent, ActorRefBase child)
    {
        if (!ReferenceEquals(parent, _root))
        {
            return;
        }

        if (ReferenceEquals(child, _userGuardian.SelfRef))
        {
            Interlocked.Exchange(ref _terminateRequested, 1);
            _systemGuardian.SendSystemMessage(Dispatch.SysMsg.Terminate.Instance);
        }
        else if (ReferenceEquals(child, _systemGuardian.SelfRef))
        {
            _root.SendSystemMessage(Dispatch.SysMsg.Terminate.Instance);
        }
    }

    internal void OnRootTerminated()
    {
        switch (_scheduler)
        {
            case SchedulerBase own:
                own.Shutdown();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        while (_onTermination.TryDequeue(out var code))
        {
            try
            {
                code();
            }
            catch (Exception ex)
            {
                _log.Error(ex, "Termination callback threw.");
            }
        }

        _terminated.TrySetResult();
    }

    internal ILoggingAdapter CreateLogger(string category, string source, ILogMessageFormatter? formatter) =>
        new MelLoggingAdapter(
            KernelSettings.LoggerFactory.CreateLogger(category),
            source,
            KernelSettings.LogLevel,
            formatter ?? DefaultLogMessageFormatter.Instance);

    internal void LogError(Exception cause, string text) => _log.Error(cause, text);

    internal void LogWarning(Exception cause, string text) => _log.Warning(cause, text);

    public override string ToString() => $"akka://{Name}";

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]*$")]
    private static partial Regex ValidName();

    /// <summary>Guardian actors: they handle nothing themselves and supervise with a fixed strategy.</summary>
    private sealed class GuardianActor(SupervisorStrategy strategy) : ActorBase
    {
        protected override bool Receive(object message) => true;

        protected override SupervisorStrategy SupervisorStrategy() => strategy;
    }
}
