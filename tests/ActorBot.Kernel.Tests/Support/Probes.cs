using Akka.Actor;

namespace ActorBot.Kernel.Tests.Support;

/// <summary>Lifecycle events actors report to a probe.</summary>
public sealed record Lifecycle(string Who, string Event);

/// <summary>Makes the receiving test actor throw.</summary>
public sealed record Fail(string Reason);

/// <summary>
/// A configurable test actor: echoes to <c>report</c>, throws on <see cref="Fail"/>, reports lifecycle
/// hooks, counts messages (state that a restart resets).
/// </summary>
public sealed class ReportingActor : ReceiveActor
{
    private readonly IActorRef _report;
    private readonly string _name;
    private int _count;

    public ReportingActor(IActorRef report, string name)
    {
        _report = report;
        _name = name;
        Receive<Fail>(f => throw new InvalidOperationException(f.Reason));
        Receive<string>(s => s == "count", _ => _report.Tell(_count, Self));
        Receive<Props>(p => _report.Tell(Context.ActorOf(p, "child"), Self));
        ReceiveAny(m =>
        {
            _count++;
            _report.Tell(m, Self);
        });
    }

    protected override void PreStart() => _report.Tell(new Lifecycle(_name, "PreStart"), Self);

    protected override void PostStop() => _report.Tell(new Lifecycle(_name, "PostStop"), Self);

    protected override void PreRestart(Exception reason, object message)
    {
        _report.Tell(new Lifecycle(_name, "PreRestart"), Self);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _report.Tell(new Lifecycle(_name, "PostRestart"), Self);
        base.PostRestart(reason);
    }
}

/// <summary>A parent with a fixed strategy that creates children on request and reports its own lifecycle.</summary>
public sealed class SupervisorActor : ReceiveActor
{
    private readonly SupervisorStrategy _strategy;

    public SupervisorActor(SupervisorStrategy strategy, IActorRef report)
    {
        _strategy = strategy;
        Receive<(Props Props, string Name)>(p => Sender.Tell(Context.ActorOf(p.Props, p.Name)));
        Receive<Fail>(f => throw new InvalidOperationException(f.Reason));
        ReceiveAny(m => report.Tell(m));
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;
}
