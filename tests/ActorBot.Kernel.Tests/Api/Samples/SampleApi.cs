// Test-only types that exercise every spelling rule of ReflectionApiWriter; GeneratorSelfTests pins their listing.
// They live outside Akka namespaces, so the kernel subset check never sees them.
#pragma warning disable CS0660, CS0661 // operators without Equals/GetHashCode overrides: only their signatures matter here

namespace ActorBot.Kernel.Tests.Api.Samples;

public interface ISampleMarker
{
}

public interface ISampleProducer<out T>
    where T : class
{
    event EventHandler? Produced;

    T Produce();
}

public enum SampleLevel
{
    Low = 0,
    High = 5,
}

public enum SampleFlags : byte
{
    None = 0,
    One = 1,
}

public delegate TResult SampleHandler<in TArg, TResult>(TArg argument, params object[] rest);

public static class SampleExtensions
{
    public static bool IsQuiet(this ISampleMarker marker, SampleLevel level = SampleLevel.High) => level == SampleLevel.Low && marker is not null;

    public static T? Pick<T>(this IEnumerable<T> items, Func<T, bool> predicate)
        where T : class, ISampleMarker, new() => items.FirstOrDefault(predicate);
}

public abstract class SampleBase : ISampleMarker, IEquatable<SampleBase>
{
    public const long Big = 9223372036854775807;
    public const string Label = "a \"quoted\" label";
    public const bool Loud = true;
    public static readonly SampleBase? Default = null;
    protected readonly int Seed = 1;

    protected SampleBase(string? label = null, bool loud = true, long upTo = long.MaxValue, double ratio = 0.25, TimeSpan? timeout = null, CancellationToken token = default)
    {
        _ = (label, loud, upTo, ratio, timeout, token);
    }

    public event EventHandler? Changed;

    protected static int Counter { get; set; }

    public virtual TimeSpan? Delay { get; protected set; }

    internal int Hidden { get; set; }

    public int this[int index] => index + Seed;

    public static bool operator ==(SampleBase? left, SampleBase? right) => ReferenceEquals(left, right);

    public static bool operator !=(SampleBase? left, SampleBase? right) => !ReferenceEquals(left, right);

    public Task<T> Ask<T>(Func<Exception, SampleLevel> decider, Predicate<T>? filter = null)
        where T : struct => Task.FromResult(default(T));

    public bool Equals(SampleBase? other) => ReferenceEquals(this, other);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => 0;

    public void Hide() => Changed?.Invoke(this, EventArgs.Empty);

    public void Keywords(string @event, int @default = 3) => _ = (@event, @default);

    protected internal void Mixed()
    {
    }

    public KeyValuePair<Type, SampleLevel>[] Pairs(params KeyValuePair<Type, SampleLevel>[] pairs) => pairs;

    public void Swap(ref int a, in long b) => a = (int)b;

    public virtual void Tell(object message, ISampleMarker? sender)
    {
    }

    public bool TryGet(string key, out int value)
    {
        value = key.Length;
        return false;
    }

    protected abstract bool Receive(object message);

    private protected void NotVisible()
    {
    }

    public sealed class Nested : SampleBase
    {
        protected sealed override bool Receive(object message) => false;
    }

    protected class Shielded
    {
    }
}

public abstract class SampleAbstractOverride : SampleBase
{
    protected abstract override bool Receive(object message);
}

// Re-declares an interface its base already implements: the metadata row exists, so the listing shows it.
public class SampleDerived : SampleBase, ISampleMarker
{
    public new void Hide()
    {
    }

    protected override bool Receive(object message) => true;
}

public class SampleBox<T> : ISampleProducer<T>
    where T : class, new()
{
    public event EventHandler? Produced
    {
        add { }
        remove { }
    }

    public T Produce() => new();
}

public readonly struct SamplePoint
{
    public SamplePoint(int x)
    {
        X = x;
    }

    public int X { get; }
}
