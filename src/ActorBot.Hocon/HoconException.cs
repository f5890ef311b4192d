namespace ActorBot.Hocon;

/// <summary>
/// The only exception the HOCON parser and resolver throw. It always carries where the problem is
/// (file, line, column; 1-based) and, for syntax errors, what the parser expected there, so an
/// operator can fix a config file without reading parser code.
/// </summary>
public sealed class HoconException : Exception
{
    public HoconException(string problem, SourcePosition position, string? expected = null, Exception? inner = null)
        : base(Format(problem, position, expected), inner)
    {
        Problem = problem;
        Position = position;
        Expected = expected;
    }

    /// <summary>What went wrong, without the location prefix.</summary>
    public string Problem { get; }

    /// <summary>Where it went wrong.</summary>
    public SourcePosition Position { get; }

    /// <summary>File name (or a description such as "string") of the source at fault.</summary>
    public string File => Position.File;

    public int Line => Position.Line;

    public int Column => Position.Column;

    /// <summary>What the parser expected at that position, when the error is a syntax error.</summary>
    public string? Expected { get; }

    private static string Format(string problem, SourcePosition position, string? expected) =>
        expected is null
            ? $"{position}: {problem}"
            : $"{position}: {problem}; expected {expected}";
}
