using ActorBot.Data.MarketData;
using ActorBot.Engine.Replay;
using ActorBot.Hocon;
using ActorBot.Models;
using ActorBot.Models.Scoring;
using ActorBot.Persistence.Sql;

namespace ActorBot.Host.Cli;

/// <summary>
/// The README's exit codes (0 ok, 1 failure, 2 bad input or usage) for whatever escapes a command: a typed
/// input error is the operator's to fix (2), anything else is ours (1). Either way one line on stderr, never a
/// stack trace — the operator reads the sentence, the trace would bury it.
/// </summary>
public static class CliExit
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>True for the exceptions that mean "the input is wrong" (config, data, model, arguments).</summary>
    public static bool IsBadInput(Exception ex) => ex is HoconException
        or ReplayConfigException
        or DataFormatException
        or ModelLoadException
        or CsvInputException
        or SqlPersistenceConfigurationException
        or Akka.Configuration.ConfigurationException
        or FileNotFoundException
        or DirectoryNotFoundException;

    /// <summary>Writes one line for <paramref name="ex"/> and returns its exit code.</summary>
    public static int Report(Exception ex, string command, TextWriter stderr)
    {
        var inner = ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : ex;
        var badInput = IsBadInput(inner);
        var prefix = badInput ? string.Empty : $"unexpected {inner.GetType().Name}: ";
        stderr.WriteLine($"actorbot{(command.Length == 0 ? string.Empty : " " + command)}: {prefix}{OneLine(inner.Message)}");
        return badInput ? BadInput : Failure;
    }

    /// <summary>Messages may span lines (HOCON excerpts, driver text); the contract is one line.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
