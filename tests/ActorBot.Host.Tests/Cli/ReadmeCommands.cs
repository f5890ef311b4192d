using System.Text.RegularExpressions;

namespace ActorBot.Host.Tests.Cli;

/// <summary>
/// The commands the README documents: the <c>actorbot</c> sub-commands named in its command table, and every
/// <c>dotnet run --project src/ActorBot.Host -- …</c> line of its code blocks, in README order. Read from the
/// file itself so that a command added to the README is tested without touching the tests.
/// </summary>
internal static partial class ReadmeCommands
{
    public const string RunPrefix = "dotnet run --project src/ActorBot.Host --";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ReadmePath => Path.Combine(RepoRoot, "README.md");

    /// <summary>The argument lists of the README's example lines (comments after <c>#</c> removed).</summary>
    public static IReadOnlyList<string[]> Examples()
    {
        var examples = new List<string[]>();
        var inCode = false;
        foreach (var raw in File.ReadLines(ReadmePath))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (inCode && line.StartsWith(RunPrefix + " ", StringComparison.Ordinal))
            {
                var hash = line.IndexOf(" #", StringComparison.Ordinal);
                var command = (hash < 0 ? line : line[..hash])[RunPrefix.Length..];
                examples.Add(command.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return examples;
    }

    /// <summary>
    /// The sub-commands of the table under "The <c>actorbot</c> command": the leading words of each code span in
    /// the first column, e.g. <c>model score</c> from <c>`model score --model M.onnx …`</c>.
    /// </summary>
    public static IReadOnlyList<string> TableCommands()
    {
        var commands = new List<string>();
        var inSection = false;
        foreach (var line in File.ReadLines(ReadmePath))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inSection = line.Contains("`actorbot` command", StringComparison.Ordinal);
                continue;
            }

            if (!inSection || !line.StartsWith('|') || line.StartsWith("|---", StringComparison.Ordinal) || line.StartsWith("| command", StringComparison.Ordinal))
            {
                continue;
            }

            // `\|` is a pipe inside a cell (shadow\|paper), not a column separator.
            var firstCell = line.Replace("\\|", "/", StringComparison.Ordinal).Split('|', StringSplitOptions.RemoveEmptyEntries)[0];
            foreach (Match span in CodeSpan().Matches(firstCell))
            {
                var words = span.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(w => LeadingWord().IsMatch(w));
                commands.Add(string.Join(' ', words));
            }
        }

        return commands;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ActorBot.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("^[a-z][a-z-]*$")]
    private static partial Regex LeadingWord();
}
