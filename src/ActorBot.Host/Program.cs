using System.CommandLine;
using ActorBot.Host.Cli;

namespace ActorBot.Host;

/// <summary>The <c>actorbot</c> executable: one root command, one file per sub-command under <c>Cli/</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = CliRoot.Build();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage errors are bad input: say what is wrong and exit 2 (System.CommandLine would exit 1).
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"actorbot: {error.Message}");
            }

            Console.Error.WriteLine("Run 'actorbot --help' for usage.");
            return 2;
        }

        return parse.Invoke();
    }
}
