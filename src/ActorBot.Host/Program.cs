using System.CommandLine;
using ActorBot.Host.Cli;

namespace ActorBot.Host;

/// <summary>The <c>actorbot</c> executable: one root command, one file per sub-command under <c>Cli/</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = CliRoot.Build();
        return root.Parse(args).Invoke();
    }
}
