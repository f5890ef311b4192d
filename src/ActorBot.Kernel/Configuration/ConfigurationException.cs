using Akka.Actor;

namespace Akka.Configuration;

/// <summary>
/// A configuration could not be parsed or a value could not be read as the requested type
/// (Akka.NET's <c>Akka.Configuration.ConfigurationException</c>). Parse errors carry the
/// <see cref="ActorBot.Hocon.HoconException"/> (file, line, column) as inner exception.
/// </summary>
public class ConfigurationException : AkkaException
{
    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception exception)
        : base(message, exception)
    {
    }

    /// <summary>The error for a required configuration section of <typeparamref name="T"/> that is missing or empty.</summary>
    public static ConfigurationException NullOrEmptyConfig<T>(string? path = null) =>
        string.IsNullOrEmpty(path)
            ? new ConfigurationException($"Configuration for {typeof(T)} is null or empty.")
            : new ConfigurationException($"Configuration path \"{path}\" for {typeof(T)} is null or empty.");
}
