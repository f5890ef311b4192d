using Akka.Actor;

namespace Akka.TestKit;

/// <summary>
/// An independent test actor with its own queue; usable wherever an <see cref="IActorRef"/> is expected.
/// It is not the implicit sender of test code.
/// </summary>
public class TestProbe : TestKitBase, IActorRef, INoImplicitSender, IActorRefWrapper
{
    public TestProbe(ActorSystem system, ITestKitAssertions assertions, string? testProbeName = null)
        : base(assertions, system, testProbeName ?? "testProbe" + Interlocked.Increment(ref s_probeCounter))
    {
    }

    private static int s_probeCounter;

    public IActorRef Ref => TestActor;

    public IActorRef Sender => LastSender;

    ActorPath IActorRef.Path => TestActor.Path;

    IActorRef IActorRefWrapper.Underlying => TestActor;

    void ICanTell.Tell(object message, IActorRef sender) => TestActor.Tell(message, sender);

    /// <summary>Replies to the sender of the last received message, with this probe as sender.</summary>
    public void Reply(object message) => LastSender.Tell(message, TestActor);

    /// <summary>Sends a message with this probe as sender.</summary>
    public void Send(IActorRef actor, object message) => actor.Tell(message, TestActor);

    /// <summary>Forwards the last received message, keeping its original sender.</summary>
    public void Forward(IActorRef actor) => actor.Tell(LastMessage!, LastSender);

    public void Forward(IActorRef actor, object message) => actor.Tell(message, LastSender);

    public int CompareTo(object? obj) => obj is IActorRef other ? TestActor.Path.CompareTo(other.Path) : 1;

    int IComparable<IActorRef>.CompareTo(IActorRef? other) => other is null ? 1 : TestActor.Path.CompareTo(other.Path);

    bool IEquatable<IActorRef>.Equals(IActorRef? other) => other is not null && TestActor.Equals(other);

    public override bool Equals(object? obj) => obj is IActorRef other && TestActor.Equals(other);

    public override int GetHashCode() => TestActor.GetHashCode();

    public override string ToString() => $"TestProbe({TestActor})";
}
