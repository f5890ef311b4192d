namespace Akka.Actor;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    Resume = 0,
    Restart = 1,
    Escalate = 2,
    Stop = 3,
}

/// <summary>Maps a failure to a <see cref="Directive"/>.</summary>
public interface IDecider
{
    Directive Decide(Exception cause);
}

/// <summary>A decider backed by a delegate.</summary>
public class LocalOnlyDecider : IDecider
{
    private readonly Func<Exception, Directive> _decider;

    public LocalOnlyDecider(Func<Exception, Directive> decider)
    {
        _decider = decider;
    }

    public Directive Decide(Exception cause) => _decider(cause);
}

/// <summary>A decider from (exception type, directive) pairs; the most specific matching type wins.</summary>
public class DeployableDecider : IDecider
{
    public DeployableDecider(Directive defaultDirective, IEnumerable<KeyValuePair<Type, Directive>> pairs)
    {
        DefaultDirective = defaultDirective;
        Pairs = pairs.ToArray();
    }

    public DeployableDecider(Directive defaultDirective, params KeyValuePair<Type, Directive>[] pairs)
        : this(defaultDirective, (IEnumerable<KeyValuePair<Type, Directive>>)pairs)
    {
    }

    public Directive DefaultDirective { get; }

    public KeyValuePair<Type, Directive>[] Pairs { get; }

    public Directive Decide(Exception cause)
    {
        Type? best = null;
        var directive = DefaultDirective;
        var causeType = cause.GetType();
        foreach (var (type, d) in Pairs)
        {
            if (type.IsAssignableFrom(causeType) && (best is null || best.IsAssignableFrom(type)))
            {
                best = type;
                directive = d;
            }
        }

        return directive;
    }
}

/// <summary>Factory methods for deciders.</summary>
public static class Decider
{
    public static DeployableDecider From(Directive defaultDirective, params KeyValuePair<Type, Directive>[] pairs) =>
        new(defaultDirective, pairs);

    public static DeployableDecider From(Directive defaultDirective, IEnumerable<KeyValuePair<Type, Directive>> pairs) =>
        new(defaultDirective, pairs);

    public static LocalOnlyDecider From(Func<Exception, Directive> localOnlyDecider) => new(localOnlyDecider);
}

/// <summary><c>Directive.Stop.When&lt;MyException&gt;()</c>.</summary>
public static class DirectiveExtensions
{
    public static KeyValuePair<Type, Directive> When<TException>(this Directive self)
        where TException : Exception =>
        new(typeof(TException), self);
}
