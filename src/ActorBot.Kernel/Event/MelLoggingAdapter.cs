using Microsoft.Extensions.Logging;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Akka.Event;

/// <summary>
/// Bridges <see cref="ILoggingAdapter"/> to Microsoft.Extensions.Logging. Templates with <c>{0}</c>
/// placeholders are formatted like Akka.NET; templates with named placeholders (<c>{Symbol}</c>) are
/// passed to MEL as structured templates. Messages are prefixed with the log source (the actor path).
/// </summary>
internal sealed class MelLoggingAdapter(ILogger logger, string source, LogLevel minimumLevel, ILogMessageFormatter formatter) : ILoggingAdapter
{
    public ILogMessageFormatter Formatter { get; } = formatter;

    public bool IsDebugEnabled => IsEnabled(LogLevel.DebugLevel);

    public bool IsErrorEnabled => IsEnabled(LogLevel.ErrorLevel);

    public bool IsInfoEnabled => IsEnabled(LogLevel.InfoLevel);

    public bool IsWarningEnabled => IsEnabled(LogLevel.WarningLevel);

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimumLevel && logger.IsEnabled(Map(logLevel));

    public void Log(LogLevel logLevel, Exception cause, string format) => Write(logLevel, cause, format, null);

    internal void Write(LogLevel level, Exception? cause, string format, object[]? args)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        string text;
        if (args is null || args.Length == 0)
        {
            text = format;
        }
        else
        {
            try
            {
                text = Formatter.Format(format, args);
            }
            catch (FormatException)
            {
                // Named placeholders: let MEL bind them positionally and keep the structure.
                logger.Log(Map(level), default, cause, "[{AkkaSource}] " + format, [source, .. args]);
                return;
            }
        }

        logger.Log(Map(level), default, (Source: source, Text: text), cause, static (state, _) => $"[{state.Source}] {state.Text}");
    }

    private static MelLogLevel Map(LogLevel level) => level switch
    {
        LogLevel.DebugLevel => MelLogLevel.Debug,
        LogLevel.InfoLevel => MelLogLevel.Information,
        LogLevel.WarningLevel => MelLogLevel.Warning,
        _ => MelLogLevel.Error,
    };
}
