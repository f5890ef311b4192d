namespace Akka.TestKit;

/// <summary>The test framework's assertion primitives used by the TestKit.</summary>
public interface ITestKitAssertions
{
    void AssertEqual<T>(T expected, T actual, string format = "", params object[] args);

    void AssertEqual<T>(T expected, T actual, Func<T, T, bool> comparer, string format = "", params object[] args);

    void AssertFalse(bool condition, string format = "", params object[] args);

    void AssertTrue(bool condition, string format = "", params object[] args);

    void Fail(string format = "", params object[] args);
}

/// <summary>Marker: a test kit that is not the implicit sender of Tell from test code (probes).</summary>
public interface INoImplicitSender
{
}

/// <summary>A received message and its sender.</summary>
public abstract class MessageEnvelope
{
    protected MessageEnvelope()
    {
    }

    public abstract object Message { get; }

    public abstract Akka.Actor.IActorRef Sender { get; }
}

/// <summary>A message the test actor received.</summary>
public class RealMessageEnvelope : MessageEnvelope
{
    public RealMessageEnvelope(object message, Akka.Actor.IActorRef sender)
    {
        Message = message;
        Sender = sender;
    }

    public override object Message { get; }

    public override Akka.Actor.IActorRef Sender { get; }

    public override string ToString() => $"<{Message}> from {Sender}";
}
