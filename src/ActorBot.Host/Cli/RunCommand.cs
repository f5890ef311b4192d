using System.CommandLine;

namespace ActorBot.Host.Cli;

/// <summary><c>actorbot run</c>: the service's main job. Placeholder wiring until the engine lands.</summary>
public static class RunCommand
{
    public static Command Build()
    {
        var command = new Command("run", "Run the service on its embedded defaults (shadow mode).");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("actorbot run: the engine is not wired yet (see issues).");
            return 1;
        });
        return command;
    }
}
