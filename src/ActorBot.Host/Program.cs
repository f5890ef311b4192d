using System.CommandLine;
using ActorBot.Host.Cli;
using ActorBot.Host.Service;

namespace ActorBot.Host;

/// <summary>The <c>actorbot</c> executable: one root command, one file per sub-command under <c>Cli/</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // First, before the actor system, the thread pool and ORT start threads that would each get a malloc arena.
        NativeHeap.LimitArenas();
        var root = CliRoot.Build();
        var parse = root.Parse(args);
        var command = CommandPath(parse);
        if (parse.Errors.Count > 0)
        {
            // Usage errors are bad input: one line naming the option and the problem, exit 2 (System.CommandLine
            // would print every error and the whole help, and exit 1).
            var problems = string.Join("; ", parse.Errors.Select(e => CliExit.OneLine(e.Message).TrimEnd('.')).Distinct());
            Console.Error.WriteLine($"actorbot{(command.Length == 0 ? string.Empty : " " + command)}: {problems} (run 'actorbot --help' for usage)");
            return CliExit.BadInput;
        }

        try
        {
            // Our handler, not System.CommandLine's: its default prints the stack trace.
            // On SIGTERM / Ctrl-C the command's token is canceled and it gets this long to stop cleanly (run: no new
            // entries, summary, journal flushed, sockets closed) before the process is ended anyway.
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(5) });
        }
        catch (Exception ex)
        {
            return CliExit.Report(ex, command, Console.Error);
        }
    }

    /// <summary>"model score" for <c>actorbot model score …</c>; empty for the root.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
