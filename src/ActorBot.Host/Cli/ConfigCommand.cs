using System.CommandLine;
using ActorBot.Hocon;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot config hocon-to-json &lt;file&gt;</c>: prints a HOCON file fully resolved (includes,
/// substitutions, environment fallbacks) as JSON with sorted keys, so an operator can see exactly
/// what the service will read. Secret-looking environment variables and keys are redacted.
/// Exit codes: 0 printed, 2 the file is missing or not valid HOCON (error on stderr).
/// </summary>
public static class ConfigCommand
{
    public static Command Build()
    {
        var command = new Command("config", "Inspect configuration files.");
        command.Subcommands.Add(BuildHoconToJson());
        return command;
    }

    private static Command BuildHoconToJson()
    {
        var file = new Argument<string>("file") { Description = "HOCON file to resolve (.conf, .json or .properties)." };
        var command = new Command("hocon-to-json", "Print a HOCON file fully resolved as JSON with sorted keys.");
        command.Arguments.Add(file);
        command.SetAction(parseResult => ActorBot.Hocon.HoconToJson.Run(parseResult.GetValue(file)!, Console.Out, Console.Error, Environment.GetEnvironmentVariable));
        return command;
    }
}
