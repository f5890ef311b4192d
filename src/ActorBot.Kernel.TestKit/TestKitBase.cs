using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq.Expressions;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Configs;
using Akka.TestKit.Internal;
using Microsoft.Extensions.Logging;

namespace Akka.TestKit;

/// <summary>
/// Akka.NET's TestKit: a test actor whose received messages the test asserts on with ExpectMsg and
/// friends. Every max duration is dilated by <c>akka.test.timefactor</c>; without an explicit timeout or
/// an enclosing <see cref="Within(TimeSpan, Action, TimeSpan?, CancellationToken)"/>,
/// <c>akka.test.single-expect-default</c> applies.
/// </summary>
public abstract class TestKitBase : IActorRefFactory
{
    private static int s_testActorCounter;

    private readonly ITestKitAssertions _assertions;
    private readonly BlockingCollection<RealMessageEnvelope> _queue = new();
    private readonly ActorSystem _system;
    private readonly IActorRef _testActor;
    private readonly bool _ownsSystem;
    private TimeSpan? _end;
    private bool _lastWasNoMsg;
    private RealMessageEnvelope? _last;

    protected TestKitBase(ITestKitAssertions assertions, ActorSystem? system = null, string? testActorName = null)
        : this(assertions, system, null, null, testActorName, null)
    {
    }

    protected TestKitBase(ITestKitAssertions assertions, Config config, string? actorSystemName = null, string? testActorName = null)
        : this(assertions, null, config, actorSystemName, testActorName, null)
    {
    }

    private protected TestKitBase(
        ITestKitAssertions assertions,
        ActorSystem? system,
        Config? config,
        string? actorSystemName,
        string? testActorName,
        ILoggerFactory? loggerFactory)
    {
        _assertions = assertions;
        if (system is null)
        {
            var effective = (config ?? ConfigurationFactory.Empty).WithFallback(TestConfigs.DefaultConfig);
            system = ActorSystemImpl.Start(actorSystemName ?? "test", KernelSettings.FromConfig(effective, loggerFactory));
            _ownsSystem = true;
        }

        _system = system;
        TestKitSettings = new TestKitSettings(system.Settings.Config);
        var name = testActorName ?? "testActor" + Interlocked.Increment(ref s_testActorCounter);
        _testActor = ((ActorSystemImpl)system).SystemActorOf(Props.FromFactory(() => new TestActor(_queue)), name);
        ArmImplicitSender();
    }

    /// <summary>The <c>akka.test</c> defaults every TestKit system falls back to.</summary>
    public static Config DefaultConfig => TestConfigs.DefaultConfig;

    public static TimeSpan Now => TimeSpan.FromTicks(Stopwatch.GetTimestamp() * TimeSpan.TicksPerSecond / Stopwatch.Frequency);

    public ActorSystem Sys
    {
        get
        {
            ArmImplicitSender();
            return _system;
        }
    }

    public IActorRef TestActor
    {
        get
        {
            ArmImplicitSender();
            return _testActor;
        }
    }

    public TestKitSettings TestKitSettings { get; }

    public bool HasMessages => _queue.Count > 0;

    public object? LastMessage => _last?.Message;

    public IActorRef LastSender => _last?.Sender ?? _system.DeadLetters;

    /// <summary>Time left in the enclosing Within block (fails outside one).</summary>
    public TimeSpan Remaining => _end is { } end ? end - Now : throw new InvalidOperationException("Remaining may only be called from within a Within block.");

    public TimeSpan RemainingOrDefault => RemainingOr(Dilated(TestKitSettings.SingleExpectDefault));

    internal ITestKitAssertions KitAssertions => _assertions;

    public IActorRef ActorOf(Props props) => Sys.ActorOf(props);

    public IActorRef ActorOf(Props props, string name) => Sys.ActorOf(props, name);

    IActorRef IActorRefFactory.ActorOf(Props props, string? name) => Sys.ActorOf(props, name);

    public IActorRef ActorOf<TActor>()
        where TActor : ActorBase, new() =>
        Sys.ActorOf(Props.Create<TActor>());

    public IActorRef ActorOf<TActor>(string name)
        where TActor : ActorBase, new() =>
        Sys.ActorOf(Props.Create<TActor>(), name);

    public IActorRef ActorOf<TActor>(Expression<Func<TActor>> factory)
        where TActor : ActorBase =>
        Sys.ActorOf(Props.Create(factory));

    public IActorRef ActorOf<TActor>(Expression<Func<TActor>> factory, string name)
        where TActor : ActorBase =>
        Sys.ActorOf(Props.Create(factory), name);

    public virtual TestProbe CreateTestProbe(string? name = null)
    {
        ArmImplicitSender();
        return new TestProbe(_system, _assertions, name);
    }

    public TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * TestKitSettings.TestTimeFactor));

    public TimeSpan GetTimeoutOrDefault(TimeSpan? timeout) => timeout ?? Dilated(TestKitSettings.SingleExpectDefault);

    public TimeSpan RemainingOrDilated(TimeSpan? duration) =>
        duration is null ? RemainingOrDefault : duration.Value == Timeout.InfiniteTimeSpan ? duration.Value : Dilated(duration.Value);

    protected TimeSpan RemainingOr(TimeSpan duration) => _end is { } end ? end - Now : duration;

    public IActorRef Watch(IActorRef actorToWatch)
    {
        _testActor.Tell(new TestActor.WatchRequest(actorToWatch), ActorRefs.NoSender);
        return actorToWatch;
    }

    public IActorRef Unwatch(IActorRef actorToUnwatch)
    {
        _testActor.Tell(new TestActor.UnwatchRequest(actorToUnwatch), ActorRefs.NoSender);
        return actorToUnwatch;
    }

    public object? ReceiveOne(TimeSpan? max = null, CancellationToken cancellationToken = default)
    {
        ArmImplicitSender();
        return TryReceive(RemainingOrDilated(max), cancellationToken, out var envelope) ? envelope.Message : null;
    }

    public T ExpectMsg<T>(TimeSpan? duration = null, string? hint = null, CancellationToken cancellationToken = default) =>
        ExpectCore<T>(duration, hint, cancellationToken, (_, _) => { }, "a message of type " + typeof(T));

    public T ExpectMsg<T>(T message, TimeSpan? timeout = null, string? hint = null, CancellationToken cancellationToken = default) =>
        ExpectCore<T>(timeout, hint, cancellationToken, (m, _) => _assertions.AssertEqual(message, m, "Expected message {0} but got {1}. {2}", message!, m!, hint ?? ""), message?.ToString() ?? "null");

    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout = null, string? hint = null, CancellationToken cancellationToken = default) =>
        ExpectCore<T>(timeout, hint, cancellationToken, (m, _) => _assertions.AssertTrue(isMessage(m), "Got a message of the expected type <{0}> but the predicate rejected {1}. {2}", typeof(T), m!, hint ?? ""), "a matching " + typeof(T));

    public T ExpectMsg<T>(Action<T> assert, TimeSpan? timeout = null, string? hint = null, CancellationToken cancellationToken = default) =>
        ExpectCore<T>(timeout, hint, cancellationToken, (m, _) => assert(m), "a message of type " + typeof(T));

    public T ExpectMsg<T>(Func<T, IActorRef, bool> isMessageAndSender, TimeSpan? timeout = null, string? hint = null, CancellationToken cancellationToken = default) =>
        ExpectCore<T>(timeout, hint, cancellationToken, (m, s) => _assertions.AssertTrue(isMessageAndSender(m, s), "The predicate rejected {0} from {1}. {2}", m!, s, hint ?? ""), "a matching " + typeof(T));

    public T ExpectMsg<T>(Action<T, IActorRef> assertMessageAndSender, TimeSpan? timeout = null, string? hint = null, CancellationToken cancellationToken = default) =>
        ExpectCore<T>(timeout, hint, cancellationToken, assertMessageAndSender, "a message of type " + typeof(T));

    public T ExpectMsg<T>(T expected, Func<T, T, bool> comparer, TimeSpan? timeout = null, string? hint = null, CancellationToken cancellationToken = default) =>
        ExpectCore<T>(timeout, hint, cancellationToken, (m, _) => _assertions.AssertEqual(expected, m, comparer, "Expected message {0} but got {1}. {2}", expected!, m!, hint ?? ""), expected?.ToString() ?? "null");

    /// <summary>Fails if any message arrives within <paramref name="duration"/>, including one already queued.</summary>
    public void ExpectNoMsg(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArmImplicitSender();
        if (TryReceive(Dilated(duration), cancellationToken, out var envelope))
        {
            _assertions.Fail("Expected no messages during {0}, instead received {1}", duration, envelope);
        }

        _lastWasNoMsg = true;
    }

    public void ExpectNoMsg(CancellationToken cancellationToken = default) => ExpectNoMsg(RemainingOrDefault, cancellationToken);

    public void ExpectNoMsg(int milliseconds, CancellationToken cancellationToken = default) =>
        ExpectNoMsg(TimeSpan.FromMilliseconds(milliseconds), cancellationToken);

    /// <summary>Expects the <see cref="Terminated"/> of an actor watched with <see cref="Watch"/>.</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null, string? hint = null, CancellationToken cancellationToken = default)
    {
        var expected = target.AsInternal();
        return ExpectCore<Terminated>(
            timeout,
            hint,
            cancellationToken,
            (t, _) => _assertions.AssertTrue(ReferenceEquals(t.ActorRef.AsInternal(), expected) || t.ActorRef.Equals(target), "Expected Terminated of {0} but got {1}. {2}", target, t, hint ?? ""),
            "Terminated of " + target);
    }

    /// <summary>Skips messages until one of type <typeparamref name="T"/> satisfies the predicate.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? max = null, string hint = "", CancellationToken cancellationToken = default)
    {
        ArmImplicitSender();
        var deadline = Now + RemainingOrDilated(max);
        while (true)
        {
            var left = deadline - Now;
            if (left < TimeSpan.Zero || !TryReceive(left, cancellationToken, out var envelope))
            {
                _assertions.Fail("Timeout ({0}) during FishForMessage waiting for a matching {1}. {2}", max ?? RemainingOrDefault, typeof(T), hint);
                throw new InvalidOperationException("unreachable");
            }

            if (envelope.Message is T typed && isMessage(typed))
            {
                return typed;
            }
        }
    }

    public object FishForMessage(Predicate<object> isMessage, TimeSpan? max = null, string hint = "", CancellationToken cancellationToken = default) =>
        FishForMessage<object>(isMessage, max, hint, cancellationToken);

    public void Within(TimeSpan max, Action action, TimeSpan? epsilonValue = null, CancellationToken cancellationToken = default) =>
        Within(TimeSpan.Zero, max, action, null, epsilonValue, cancellationToken);

    public void Within(TimeSpan min, TimeSpan max, Action action, string? hint = null, TimeSpan? epsilonValue = null, CancellationToken cancellationToken = default) =>
        Within<object?>(min, max, () =>
        {
            action();
            return null;
        }, hint, epsilonValue, cancellationToken);

    public T Within<T>(TimeSpan max, Func<T> function, TimeSpan? epsilonValue = null, CancellationToken cancellationToken = default) =>
        Within(TimeSpan.Zero, max, function, null, epsilonValue, cancellationToken);

    /// <summary>The block must finish after <paramref name="min"/> and within <paramref name="max"/> (dilated); nested expectations get the remaining time.</summary>
    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function, string? hint = null, TimeSpan? epsilonValue = null, CancellationToken cancellationToken = default)
    {
        var dilatedMax = Dilated(max);
        var start = Now;
        var remaining = _end is { } end ? end - start : dilatedMax;
        var maxDiff = dilatedMax < remaining ? dilatedMax : remaining;
        var previousEnd = _end;
        _end = start + maxDiff;
        _lastWasNoMsg = false;
        T result;
        try
        {
            result = function();
        }
        finally
        {
            _end = previousEnd;
        }

        var elapsed = Now - start;
        _assertions.AssertTrue(elapsed >= min, "block took {0}, should at least have been {1}. {2}", elapsed, min, hint ?? "");
        if (!_lastWasNoMsg)
        {
            var epsilon = epsilonValue ?? TimeSpan.Zero;
            _assertions.AssertTrue(elapsed <= maxDiff + epsilon, "block took {0}, exceeding {1}. {2}", elapsed, maxDiff, hint ?? "");
        }

        return result;
    }

    /// <summary>Retries <paramref name="assertion"/> until it stops throwing; rethrows the last failure at the deadline.</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null, CancellationToken cancellationToken = default)
    {
        var deadline = Now + RemainingOrDilated(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (Now < deadline)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var left = deadline - Now;
                Thread.Sleep(left < pause ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : pause);
            }
        }
    }

    public void AwaitCondition(Func<bool> conditionIsFulfilled, CancellationToken cancellationToken = default) =>
        AwaitCondition(conditionIsFulfilled, null, null, null, cancellationToken);

    public void AwaitCondition(Func<bool> conditionIsFulfilled, TimeSpan? max, CancellationToken cancellationToken = default) =>
        AwaitCondition(conditionIsFulfilled, max, null, null, cancellationToken);

    public void AwaitCondition(Func<bool> conditionIsFulfilled, TimeSpan? max, string message, CancellationToken cancellationToken = default) =>
        AwaitCondition(conditionIsFulfilled, max, null, message, cancellationToken);

    /// <summary>Polls <paramref name="conditionIsFulfilled"/> until it holds; fails at the deadline.</summary>
    public void AwaitCondition(Func<bool> conditionIsFulfilled, TimeSpan? max, TimeSpan? interval, string? message = null, CancellationToken cancellationToken = default)
    {
        var limit = RemainingOrDilated(max);
        if (!AwaitConditionNoThrow(conditionIsFulfilled, limit, interval, cancellationToken))
        {
            _assertions.Fail("Timeout {0} expired while waiting for condition. {1}", limit, message ?? "");
        }
    }

    public bool AwaitConditionNoThrow(Func<bool> conditionIsFulfilled, TimeSpan max, TimeSpan? interval = null, CancellationToken cancellationToken = default)
    {
        var deadline = Now + max;
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        while (!conditionIsFulfilled())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = deadline - Now;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            Thread.Sleep(left < pause ? left : pause);
        }

        return true;
    }

    /// <summary>Terminates the system if this kit created it.</summary>
    public virtual void Shutdown(TimeSpan? duration = null, bool verifySystemShutdown = false) =>
        Shutdown(_system, duration, verifySystemShutdown);

    protected virtual void Shutdown(ActorSystem system, TimeSpan? duration = null, bool verifySystemShutdown = false)
    {
        if (ReferenceEquals(ActorCell.ImplicitSenderOutsideActors, _testActor))
        {
            ActorCell.ImplicitSenderOutsideActors = null;
        }

        if (!_ownsSystem)
        {
            return;
        }

        var terminated = system.Terminate().Wait(duration ?? TimeSpan.FromSeconds(10));
        if (verifySystemShutdown && !terminated)
        {
            _assertions.Fail("Failed to stop [{0}] within [{1}]", system.Name, duration ?? TimeSpan.FromSeconds(10));
        }
    }

    private T ExpectCore<T>(TimeSpan? timeout, string? hint, CancellationToken cancellationToken, Action<T, IActorRef> check, string what)
    {
        ArmImplicitSender();
        var max = RemainingOrDilated(timeout);
        if (!TryReceive(max, cancellationToken, out var envelope))
        {
            _assertions.Fail("Timeout ({0}) while waiting for {1}. {2}", max, what, hint ?? "");
            throw new InvalidOperationException("unreachable");
        }

        if (envelope.Message is not T typed)
        {
            _assertions.Fail("Expected {0} but received {1}. {2}", what, envelope, hint ?? "");
            throw new InvalidOperationException("unreachable");
        }

        check(typed, envelope.Sender);
        return typed;
    }

    private bool TryReceive(TimeSpan max, CancellationToken cancellationToken, out RealMessageEnvelope envelope)
    {
        _lastWasNoMsg = false;
        var wait = max < TimeSpan.Zero ? TimeSpan.Zero : max;
        var taken = wait == Timeout.InfiniteTimeSpan
            ? _queue.TryTake(out var item, Timeout.Infinite, cancellationToken)
            : _queue.TryTake(out item, (int)Math.Min(int.MaxValue, wait.TotalMilliseconds), cancellationToken);
        if (taken)
        {
            _last = item!;
            envelope = item!;
            return true;
        }

        envelope = null!;
        return false;
    }

    /// <summary>Makes the test actor the implicit sender of <c>Tell(msg)</c> on the calling (test) thread.</summary>
    private void ArmImplicitSender()
    {
        if (this is not INoImplicitSender && _testActor is not null)
        {
            ActorCell.ImplicitSenderOutsideActors = _testActor;
        }
    }
}
