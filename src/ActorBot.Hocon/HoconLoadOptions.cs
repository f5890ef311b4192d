namespace ActorBot.Hocon;

/// <summary>How a HOCON document is loaded.</summary>
public sealed record HoconLoadOptions
{
    /// <summary>Defaults: real process environment, includes allowed, base directory = current directory.</summary>
    public static HoconLoadOptions Default { get; } = new();

    /// <summary>
    /// Looks up environment variables for substitutions that the configuration does not define
    /// (<c>${HOME}</c>, <c>${?API_KEY}</c>). Injectable so tests never depend on the real environment.
    /// </summary>
    public Func<string, string?> EnvironmentLookup { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Directory for relative includes in text that did not come from a file (null: current directory).</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>When false an include statement is an error (for untrusted input).</summary>
    public bool AllowIncludes { get; init; } = true;

    /// <summary>An environment without any variables.</summary>
    public static Func<string, string?> NoEnvironment { get; } = _ => null;
}
