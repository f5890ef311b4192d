using Akka.Configuration;
using LogLevel = Akka.Event.LogLevel;

namespace ActorBot.Host.Service;

/// <summary>Reads <c>akka.loglevel</c> the way Akka does, so the Hosting logger setup does not override it.</summary>
public static class AkkaLogLevel
{
    public static LogLevel FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var text = config.GetString("akka.loglevel", "INFO");
        return text.Trim().ToUpperInvariant() switch
        {
            "DEBUG" => LogLevel.DebugLevel,
            "INFO" => LogLevel.InfoLevel,
            "WARNING" or "WARN" => LogLevel.WarningLevel,
            "ERROR" => LogLevel.ErrorLevel,
            _ => throw new ConfigurationException($"akka.loglevel = \"{text}\" is not one of DEBUG, INFO, WARNING, ERROR."),
        };
    }
}
