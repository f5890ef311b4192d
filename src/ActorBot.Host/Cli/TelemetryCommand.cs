using System.CommandLine;
using ActorBot.Domain.Telemetry;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot telemetry check &lt;file&gt;</c>: validates a <c>telemetry.jsonl</c> against the schema
/// (<see cref="TelemetryValidator"/>, <c>docs/telemetry.md</c>). Exit 0 with one line counting the records, 1 naming
/// the first violation (line number and what), 2 for a missing or unreadable file.
/// </summary>
public static class TelemetryCommand
{
    public static Command Build()
    {
        var telemetry = new Command("telemetry", "Work with the service's telemetry.jsonl files.");
        var file = new Argument<string>("file") { Description = "The JSON-lines file to check (e.g. state/telemetry.jsonl)." };
        var check = new Command("check", "Validate every line against the telemetry schema; exit 1 naming the first violation.");
        check.Arguments.Add(file);
        check.SetAction(parse => Check(parse.GetValue(file)!, Console.Out, Console.Error));
        telemetry.Subcommands.Add(check);
        return telemetry;
    }

    public static int Check(string path, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!File.Exists(path))
        {
            stderr.WriteLine(Directory.Exists(path)
                ? $"actorbot telemetry check: {path} is a directory; name a telemetry file"
                : $"actorbot telemetry check: no such file: {path}");
            return CliExit.BadInput;
        }

        TelemetryCheckResult result;
        try
        {
            result = TelemetryValidator.Validate(File.ReadLines(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"actorbot telemetry check: cannot read {path}: {CliExit.OneLine(ex.Message)}");
            return CliExit.BadInput;
        }

        if (result.Violation is { } violation)
        {
            stderr.WriteLine($"actorbot telemetry check: {path} {violation} ({result.Records} valid record(s) before it)");
            return CliExit.Failure;
        }

        stdout.WriteLine($"OK: {result.Records} record(s) in {path} valid against telemetry schema v{TelemetrySchema.Version}");
        return CliExit.Ok;
    }
}
