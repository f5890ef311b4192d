namespace Akka.Actor;

/// <summary>
/// Base of every exception the kernel raises (Akka.NET's <c>Akka.Actor.AkkaException</c>).
/// Shared by the actor runtime and <c>Akka.Configuration.ConfigurationException</c>.
/// </summary>
public abstract class AkkaException : Exception
{
    protected AkkaException()
    {
    }

    protected AkkaException(string message, Exception? cause = null)
        : base(message, cause)
    {
        Cause = cause;
    }

    protected Exception? Cause { get; }
}
