namespace Akka.Event;

/// <summary>Debug/Info/Warning/Error with format arguments; arguments are formatted only when the level is enabled.</summary>
public static class LoggingExtensions
{
    public static void Debug(this ILoggingAdapter log, string format) => LogCore(log, LogLevel.DebugLevel, null, format, null);

    public static void Debug(this ILoggingAdapter log, Exception cause, string format) => LogCore(log, LogLevel.DebugLevel, cause, format, null);

    public static void Debug(this ILoggingAdapter log, string format, object[] args) => LogCore(log, LogLevel.DebugLevel, null, format, args);

    public static void Debug(this ILoggingAdapter log, Exception cause, string format, object[] args) => LogCore(log, LogLevel.DebugLevel, cause, format, args);

    public static void Debug<T1>(this ILoggingAdapter log, string format, T1 arg1)
    {
        if (log.IsEnabled(LogLevel.DebugLevel))
        {
            LogCore(log, LogLevel.DebugLevel, null, format, [arg1!]);
        }
    }

    public static void Debug<T1>(this ILoggingAdapter log, Exception cause, string format, T1 arg1)
    {
        if (log.IsEnabled(LogLevel.DebugLevel))
        {
            LogCore(log, LogLevel.DebugLevel, cause, format, [arg1!]);
        }
    }

    public static void Debug<T1, T2>(this ILoggingAdapter log, string format, T1 arg1, T2 arg2)
    {
        if (log.IsEnabled(LogLevel.DebugLevel))
        {
            LogCore(log, LogLevel.DebugLevel, null, format, [arg1!, arg2!]);
        }
    }

    public static void Debug<T1, T2>(this ILoggingAdapter log, Exception cause, string format, T1 arg1, T2 arg2)
    {
        if (log.IsEnabled(LogLevel.DebugLevel))
        {
            LogCore(log, LogLevel.DebugLevel, cause, format, [arg1!, arg2!]);
        }
    }

    public static void Debug<T1, T2, T3>(this ILoggingAdapter log, string format, T1 arg1, T2 arg2, T3 arg3)
    {
        if (log.IsEnabled(LogLevel.DebugLevel))
        {
            LogCore(log, LogLevel.DebugLevel, null, format, [arg1!, arg2!, arg3!]);
        }
    }

    public static void Debug<T1, T2, T3>(this ILoggingAdapter log, Exception cause, string format, T1 arg1, T2 arg2, T3 arg3)
    {
        if (log.IsEnabled(LogLevel.DebugLevel))
        {
            LogCore(log, LogLevel.DebugLevel, cause, format, [arg1!, arg2!, arg3!]);
        }
    }

    public static void Info(this ILoggingAdapter log, string format) => LogCore(log, LogLevel.InfoLevel, null, format, null);

    public static void Info(this ILoggingAdapter log, Exception cause, string format) => LogCore(log, LogLevel.InfoLevel, cause, format, null);

    public static void Info(this ILoggingAdapter log, string format, object[] args) => LogCore(log, LogLevel.InfoLevel, null, format, args);

    public static void Info(this ILoggingAdapter log, Exception cause, string format, object[] args) => LogCore(log, LogLevel.InfoLevel, cause, format, args);

    public static void Info<T1>(this ILoggingAdapter log, string format, T1 arg1)
    {
        if (log.IsEnabled(LogLevel.InfoLevel))
        {
            LogCore(log, LogLevel.InfoLevel, null, format, [arg1!]);
        }
    }

    public static void Info<T1>(this ILoggingAdapter log, Exception cause, string format, T1 arg1)
    {
        if (log.IsEnabled(LogLevel.InfoLevel))
        {
            LogCore(log, LogLevel.InfoLevel, cause, format, [arg1!]);
        }
    }

    public static void Info<T1, T2>(this ILoggingAdapter log, string format, T1 arg1, T2 arg2)
    {
        if (log.IsEnabled(LogLevel.InfoLevel))
        {
            LogCore(log, LogLevel.InfoLevel, null, format, [arg1!, arg2!]);
        }
    }

    public static void Info<T1, T2>(this ILoggingAdapter log, Exception cause, string format, T1 arg1, T2 arg2)
    {
        if (log.IsEnabled(LogLevel.InfoLevel))
        {
            LogCore(log, LogLevel.InfoLevel, cause, format, [arg1!, arg2!]);
        }
    }

    public static void Info<T1, T2, T3>(this ILoggingAdapter log, string format, T1 arg1, T2 arg2, T3 arg3)
    {
        if (log.IsEnabled(LogLevel.InfoLevel))
        {
            LogCore(log, LogLevel.InfoLevel, null, format, [arg1!, arg2!, arg3!]);
        }
    }

    public static void Info<T1, T2, T3>(this ILoggingAdapter log, Exception cause, string format, T1 arg1, T2 arg2, T3 arg3)
    {
        if (log.IsEnabled(LogLevel.InfoLevel))
        {
            LogCore(log, LogLevel.InfoLevel, cause, format, [arg1!, arg2!, arg3!]);
        }
    }

    public static void Warning(this ILoggingAdapter log, string format) => LogCore(log, LogLevel.WarningLevel, null, format, null);

    public static void Warning(this ILoggingAdapter log, Exception cause, string format) => LogCore(log, LogLevel.WarningLevel, cause, format, null);

    public static void Warning(this ILoggingAdapter log, string format, object[] args) => LogCore(log, LogLevel.WarningLevel, null, format, args);

    public static void Warning(this ILoggingAdapter log, Exception cause, string format, object[] args) => LogCore(log, LogLevel.WarningLevel, cause, format, args);

    public static void Warning<T1>(this ILoggingAdapter log, string format, T1 arg1)
    {
        if (log.IsEnabled(LogLevel.WarningLevel))
        {
            LogCore(log, LogLevel.WarningLevel, null, format, [arg1!]);
        }
    }

    public static void Warning<T1>(this ILoggingAdapter log, Exception cause, string format, T1 arg1)
    {
        if (log.IsEnabled(LogLevel.WarningLevel))
        {
            LogCore(log, LogLevel.WarningLevel, cause, format, [arg1!]);
        }
    }

    public static void Warning<T1, T2>(this ILoggingAdapter log, string format, T1 arg1, T2 arg2)
    {
        if (log.IsEnabled(LogLevel.WarningLevel))
        {
            LogCore(log, LogLevel.WarningLevel, null, format, [arg1!, arg2!]);
        }
    }

    public static void Warning<T1, T2>(this ILoggingAdapter log, Exception cause, string format, T1 arg1, T2 arg2)
    {
        if (log.IsEnabled(LogLevel.WarningLevel))
        {
            LogCore(log, LogLevel.WarningLevel, cause, format, [arg1!, arg2!]);
        }
    }

    public static void Warning<T1, T2, T3>(this ILoggingAdapter log, string format, T1 arg1, T2 arg2, T3 arg3)
    {
        if (log.IsEnabled(LogLevel.WarningLevel))
        {
            LogCore(log, LogLevel.WarningLevel, null, format, [arg1!, arg2!, arg3!]);
        }
    }

    public static void Warning<T1, T2, T3>(this ILoggingAdapter log, Exception cause, string format, T1 arg1, T2 arg2, T3 arg3)
    {
        if (log.IsEnabled(LogLevel.WarningLevel))
        {
            LogCore(log, LogLevel.WarningLevel, cause, format, [arg1!, arg2!, arg3!]);
        }
    }

    public static void Error(this ILoggingAdapter log, string format) => LogCore(log, LogLevel.ErrorLevel, null, format, null);

    public static void Error(this ILoggingAdapter log, Exception cause, string format) => LogCore(log, LogLevel.ErrorLevel, cause, format, null);

    public static void Error(this ILoggingAdapter log, string format, object[] args) => LogCore(log, LogLevel.ErrorLevel, null, format, args);

    public static void Error(this ILoggingAdapter log, Exception cause, string format, object[] args) => LogCore(log, LogLevel.ErrorLevel, cause, format, args);

    public static void Error<T1>(this ILoggingAdapter log, string format, T1 arg1)
    {
        if (log.IsEnabled(LogLevel.ErrorLevel))
        {
            LogCore(log, LogLevel.ErrorLevel, null, format, [arg1!]);
        }
    }

    public static void Error<T1>(this ILoggingAdapter log, Exception cause, string format, T1 arg1)
    {
        if (log.IsEnabled(LogLevel.ErrorLevel))
        {
            LogCore(log, LogLevel.ErrorLevel, cause, format, [arg1!]);
        }
    }

    public static void Error<T1, T2>(this ILoggingAdapter log, string format, T1 arg1, T2 arg2)
    {
        if (log.IsEnabled(LogLevel.ErrorLevel))
        {
            LogCore(log, LogLevel.ErrorLevel, null, format, [arg1!, arg2!]);
        }
    }

    public static void Error<T1, T2>(this ILoggingAdapter log, Exception cause, string format, T1 arg1, T2 arg2)
    {
        if (log.IsEnabled(LogLevel.ErrorLevel))
        {
            LogCore(log, LogLevel.ErrorLevel, cause, format, [arg1!, arg2!]);
        }
    }

    public static void Error<T1, T2, T3>(this ILoggingAdapter log, string format, T1 arg1, T2 arg2, T3 arg3)
    {
        if (log.IsEnabled(LogLevel.ErrorLevel))
        {
            LogCore(log, LogLevel.ErrorLevel, null, format, [arg1!, arg2!, arg3!]);
        }
    }

    public static void Error<T1, T2, T3>(this ILoggingAdapter log, Exception cause, string format, T1 arg1, T2 arg2, T3 arg3)
    {
        if (log.IsEnabled(LogLevel.ErrorLevel))
        {
            LogCore(log, LogLevel.ErrorLevel, cause, format, [arg1!, arg2!, arg3!]);
        }
    }

    public static void Log(this ILoggingAdapter log, LogLevel level, string format) => LogCore(log, level, null, format, null);

    public static void Log(this ILoggingAdapter log, LogLevel level, string format, object[] args) => LogCore(log, level, null, format, args);

    public static void Log(this ILoggingAdapter log, LogLevel level, Exception cause, string format, object[] args) => LogCore(log, level, cause, format, args);

    private static void LogCore(ILoggingAdapter log, LogLevel level, Exception? cause, string format, object[]? args)
    {
        if (!log.IsEnabled(level))
        {
            return;
        }

        if (log is MelLoggingAdapter mel)
        {
            mel.Write(level, cause, format, args);
            return;
        }

        log.Log(level, cause!, args is null || args.Length == 0 ? format : log.Formatter.Format(format, args));
    }
}
