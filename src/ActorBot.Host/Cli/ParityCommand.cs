using System.CommandLine;
using System.Globalization;
using ActorBot.Engine.Replay;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot parity</c>: compares two replay output folders or two CSV files column by column
/// (<see cref="ParityComparer"/>). Exit 0 when equal within epsilon, 1 with a readable diff, 2 on bad input.
/// </summary>
public static class ParityCommand
{
    private const int Shown = 20;

    public static Command Build()
    {
        var a = new Option<string>("--a") { Description = "first folder or CSV", Required = true }.ExistingPath();
        var b = new Option<string>("--b") { Description = "second folder or CSV", Required = true }.ExistingPath();
        var epsilon = new Option<double>("--epsilon") { Description = "absolute tolerance for numeric cells", DefaultValueFactory = _ => 1e-6 };
        var cmd = new Command("parity", "Compare two replay outputs (folders with the same file names, or two CSVs) column by column.");
        cmd.Options.Add(a);
        cmd.Options.Add(b);
        cmd.Options.Add(epsilon);
        cmd.SetAction(parse =>
        {
            try
            {
                var report = ParityComparer.Compare(parse.GetValue(a)!, parse.GetValue(b)!, parse.GetValue(epsilon));
                if (report.Equal)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parity: equal ({report.FilesCompared} files, {report.CellsCompared} cells, epsilon {parse.GetValue(epsilon):R})"));
                    return 0;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parity: {report.Differences.Count} differences (epsilon {parse.GetValue(epsilon):R}); first {Math.Min(Shown, report.Differences.Count)}:"));
                foreach (var d in report.Differences.Take(Shown))
                {
                    Console.WriteLine("  " + d);
                }

                return 1;
            }
            catch (ReplayConfigException ex)
            {
                Console.Error.WriteLine($"actorbot parity: {CliExit.OneLine(ex.Message)}");
                return 2;
            }
        });
        return cmd;
    }
}
