namespace Akka.Actor;

/// <summary>
/// How a parent handles a failed child. The kernel applies it when the parent processes the child's
/// failure notification (a system message); see <c>ActorCell.Supervision.cs</c>.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>Restart on any exception, but Stop on initialization failure, Kill and an unhandled Terminated.</summary>
    public static IDecider DefaultDecider = Actor.Decider.From(
        Directive.Restart,
        Directive.Stop.When<ActorInitializationException>(),
        Directive.Stop.When<ActorKilledException>(),
        Directive.Stop.When<DeathPactException>());

    /// <summary>One-for-one with <see cref="DefaultDecider"/>, unlimited retries, no time window.</summary>
    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    /// <summary>One-for-one, always Stop.</summary>
    public static readonly OneForOneStrategy StoppingStrategy = new(_ => Directive.Stop);

    protected SupervisorStrategy()
    {
        LoggingEnabled = true;
    }

    public abstract IDecider Decider { get; }

    protected bool LoggingEnabled { get; set; }

    internal bool IsLoggingEnabled => LoggingEnabled;

    internal abstract int MaxRetries { get; }

    internal abstract int WithinTimeMilliseconds { get; }

    /// <summary>True: the directive applies to every child of the parent (all-for-one).</summary>
    internal abstract bool AppliesToAllChildren { get; }

    internal static int ToMilliseconds(TimeSpan? within) =>
        within is null || within.Value == Timeout.InfiniteTimeSpan ? -1 : (int)within.Value.TotalMilliseconds;
}

/// <summary>The directive applies only to the failed child.</summary>
public class OneForOneStrategy : SupervisorStrategy
{
    private readonly IDecider _decider;

    public OneForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> localOnlyDecider)
        : this(maxNrOfRetries ?? -1, ToMilliseconds(withinTimeRange), new LocalOnlyDecider(localOnlyDecider))
    {
    }

    public OneForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, IDecider decider)
        : this(maxNrOfRetries ?? -1, ToMilliseconds(withinTimeRange), decider)
    {
    }

    public OneForOneStrategy(int maxNrOfRetries, int withinTimeMilliseconds, Func<Exception, Directive> localOnlyDecider, bool loggingEnabled = true)
        : this(maxNrOfRetries, withinTimeMilliseconds, new LocalOnlyDecider(localOnlyDecider), loggingEnabled)
    {
    }

    public OneForOneStrategy(int maxNrOfRetries, int withinTimeMilliseconds, IDecider decider, bool loggingEnabled = true)
    {
        MaxNumberOfRetries = maxNrOfRetries;
        WithinTimeRangeMilliseconds = withinTimeMilliseconds;
        _decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    public OneForOneStrategy(Func<Exception, Directive> localOnlyDecider)
        : this(-1, -1, localOnlyDecider)
    {
    }

    public OneForOneStrategy(Func<Exception, Directive> localOnlyDecider, bool loggingEnabled = true)
        : this(-1, -1, localOnlyDecider, loggingEnabled)
    {
    }

    public OneForOneStrategy(IDecider decider)
        : this(-1, -1, decider)
    {
    }

    public override IDecider Decider => _decider;

    public int MaxNumberOfRetries { get; }

    public int WithinTimeRangeMilliseconds { get; }

    internal override int MaxRetries => MaxNumberOfRetries;

    internal override int WithinTimeMilliseconds => WithinTimeRangeMilliseconds;

    internal override bool AppliesToAllChildren => false;

    public OneForOneStrategy WithMaxNrOfRetries(int maxNrOfRetries) =>
        new(maxNrOfRetries, WithinTimeRangeMilliseconds, _decider, LoggingEnabled);
}

/// <summary>The directive applies to the failed child and all its siblings.</summary>
public class AllForOneStrategy : SupervisorStrategy
{
    private readonly IDecider _decider;

    public AllForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> localOnlyDecider)
        : this(maxNrOfRetries ?? -1, ToMilliseconds(withinTimeRange), new LocalOnlyDecider(localOnlyDecider))
    {
    }

    public AllForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, IDecider decider)
        : this(maxNrOfRetries ?? -1, ToMilliseconds(withinTimeRange), decider)
    {
    }

    public AllForOneStrategy(int maxNrOfRetries, int withinTimeMilliseconds, Func<Exception, Directive> localOnlyDecider, bool loggingEnabled = true)
        : this(maxNrOfRetries, withinTimeMilliseconds, new LocalOnlyDecider(localOnlyDecider), loggingEnabled)
    {
    }

    public AllForOneStrategy(int maxNrOfRetries, int withinTimeMilliseconds, IDecider decider, bool loggingEnabled = true)
    {
        MaxNumberOfRetries = maxNrOfRetries;
        WithinTimeRangeMilliseconds = withinTimeMilliseconds;
        _decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    public AllForOneStrategy(Func<Exception, Directive> localOnlyDecider)
        : this(-1, -1, localOnlyDecider)
    {
    }

    public AllForOneStrategy(IDecider decider)
        : this(-1, -1, decider)
    {
    }

    public override IDecider Decider => _decider;

    public int MaxNumberOfRetries { get; }

    public int WithinTimeRangeMilliseconds { get; }

    internal override int MaxRetries => MaxNumberOfRetries;

    internal override int WithinTimeMilliseconds => WithinTimeRangeMilliseconds;

    internal override bool AppliesToAllChildren => true;
}

/// <summary>Restart budget of one child (Akka.NET's <c>ChildRestartStats</c> rules).</summary>
internal sealed class ChildRestartStats
{
    private int _retries;
    private TimeSpan? _windowStart;

    public bool RequestRestartPermission(int maxNrOfRetries, int withinTimeMilliseconds, TimeSpan now)
    {
        if (maxNrOfRetries == 0)
        {
            return false;
        }

        var retriesDefined = maxNrOfRetries > 0;
        var windowDefined = withinTimeMilliseconds > 0;
        if (retriesDefined && !windowDefined)
        {
            _retries++;
            return _retries <= maxNrOfRetries;
        }

        if (!windowDefined)
        {
            return true;
        }

        var allowed = retriesDefined ? maxNrOfRetries : 1;
        var windowStart = _windowStart ??= now;
        var done = _retries + 1;
        if ((now - windowStart).TotalMilliseconds <= withinTimeMilliseconds)
        {
            _retries = done;
            return done <= allowed;
        }

        _retries = 1;
        _windowStart = now;
        return true;
    }
}
