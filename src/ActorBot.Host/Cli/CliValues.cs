using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ActorBot.Host.Cli;

/// <summary>
/// Checks of option values at parse time, so a bad value is a usage error (exit 2, one line naming the option)
/// before any command runs: ports, durations, existing files and directories, closed sets of words.
/// Relative paths are checked against the current directory, the caller's (see the Host csproj).
/// </summary>
public static class CliValues
{
    /// <summary>A TCP port, 0..65535 (0 = any free port).</summary>
    public static Option<int?> Port(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => ParsePort(result),
    };

    /// <summary>A TCP port with a default.</summary>
    public static Option<int> Port(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParsePort(result) ?? defaultValue,
    };

    /// <summary>A positive duration such as 30s, 5 minutes, 1h.</summary>
    public static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = Single(result);
            if (DurationText.TryParse(text, out var d) && d > TimeSpan.Zero)
            {
                return d;
            }

            result.AddError($"{OptionName(result)} \"{text}\" is not a positive duration such as 30s, 500ms or 5 minutes.");
            return null;
        },
    };

    /// <summary>The value must name an existing file.</summary>
    public static T ExistingFile<T>(this T option)
        where T : Option
    {
        option.Validators.Add(result => CheckPaths(result, File.Exists, "no such file"));
        return option;
    }

    /// <summary>The value must name an existing file or directory.</summary>
    public static T ExistingPath<T>(this T option)
        where T : Option
    {
        option.Validators.Add(result => CheckPaths(result, p => File.Exists(p) || Directory.Exists(p), "no such file or directory"));
        return option;
    }

    /// <summary>The argument must name an existing file.</summary>
    public static Argument<string> ExistingFile(this Argument<string> argument)
    {
        argument.Validators.Add(result =>
        {
            var path = Single(result);
            if (!File.Exists(path))
            {
                result.AddError($"<{argument.Name}> '{path}': no such file.");
            }
        });
        return argument;
    }

    /// <summary>The value must be one of <paramref name="words"/>; the error lists them.</summary>
    public static Option<string> OneOf(this Option<string> option, params string[] words)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!words.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"{option.Name} '{value}' is not known; use {string.Join(", ", words)}.");
            }
        });
        return option;
    }

    private static int? ParsePort(ArgumentResult result)
    {
        var text = Single(result);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
        {
            return port;
        }

        result.AddError($"{OptionName(result)} \"{text}\" is not a port; use 0..65535 (0 = any free port).");
        return null;
    }

    private static void CheckPaths(OptionResult result, Func<string, bool> exists, string problem)
    {
        foreach (var token in result.Tokens)
        {
            if (!exists(token.Value))
            {
                result.AddError($"{result.Option.Name} '{token.Value}': {problem} (relative to {Environment.CurrentDirectory}).");
                return;
            }
        }
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult o ? o.Option.Name : result.Argument.Name;
}
