using Akka.Actor;

namespace Akka.Event;

/// <summary>Akka log levels.</summary>
public enum LogLevel
{
    DebugLevel = 0,
    InfoLevel = 1,
    WarningLevel = 2,
    ErrorLevel = 3,
}

/// <summary>Formats a log template with its arguments.</summary>
public interface ILogMessageFormatter
{
    string Format(string format, params object[] args);

    string Format(string format, IEnumerable<object> args);
}

/// <summary><c>string.Format</c> semantics (<c>{0}</c> placeholders).</summary>
public class DefaultLogMessageFormatter : ILogMessageFormatter
{
    public static readonly DefaultLogMessageFormatter Instance = new();

    private DefaultLogMessageFormatter()
    {
    }

    public string Format(string format, params object[] args) => string.Format(format, args);

    public string Format(string format, IEnumerable<object> args) => string.Format(format, args.ToArray());
}

/// <summary>An actor's or system's logger; use the <see cref="LoggingExtensions"/> methods.</summary>
public interface ILoggingAdapter
{
    ILogMessageFormatter Formatter { get; }

    bool IsDebugEnabled { get; }

    bool IsErrorEnabled { get; }

    bool IsInfoEnabled { get; }

    bool IsWarningEnabled { get; }

    bool IsEnabled(LogLevel logLevel);

    void Log(LogLevel logLevel, Exception cause, string format);
}

/// <summary>Logger factories.</summary>
public static class Logging
{
    /// <summary>A logger for the current actor (category: the actor's class; messages prefixed with its path).</summary>
    public static ILoggingAdapter GetLogger(this IActorContext context, ILogMessageFormatter? logMessageFormatter = null)
    {
        var cell = context as ActorCell ?? ActorCell.CurrentContext();
        var category = cell.Actor?.GetType().FullName ?? cell.Props.Type.FullName ?? "Akka.Actor";
        return cell.SystemImpl.CreateLogger(category, cell.Self.Path.ToString(), logMessageFormatter);
    }

    public static ILoggingAdapter GetLogger(ActorSystem system, object logSourceObj, ILogMessageFormatter? logMessageFormatter = null)
    {
        var impl = system as ActorSystemImpl ?? throw new ArgumentException("Not a kernel actor system.", nameof(system));
        var category = logSourceObj as string ?? (logSourceObj as Type)?.FullName ?? logSourceObj.GetType().FullName ?? "Akka";
        return impl.CreateLogger(category, category, logMessageFormatter);
    }

    public static LogLevel LogLevelFor(string logLevel) => logLevel.Trim().ToUpperInvariant() switch
    {
        "DEBUG" => LogLevel.DebugLevel,
        "INFO" => LogLevel.InfoLevel,
        "WARNING" or "WARN" => LogLevel.WarningLevel,
        "ERROR" or "OFF" => LogLevel.ErrorLevel,
        _ => throw new ArgumentException($"Unknown log level '{logLevel}'; expected DEBUG, INFO, WARNING, ERROR or OFF.", nameof(logLevel)),
    };

    public static string StringFor(this LogLevel logLevel) => logLevel switch
    {
        LogLevel.DebugLevel => "DEBUG",
        LogLevel.InfoLevel => "INFO",
        LogLevel.WarningLevel => "WARNING",
        LogLevel.ErrorLevel => "ERROR",
        _ => throw new ArgumentOutOfRangeException(nameof(logLevel)),
    };
}
