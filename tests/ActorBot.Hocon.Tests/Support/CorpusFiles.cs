namespace ActorBot.Hocon.Tests.Support;

/// <summary>Locates the copied lightbend/config corpus in the test output folder.</summary>
internal static class CorpusFiles
{
    public static string Resources { get; } =
        Path.Combine(AppContext.BaseDirectory, "Corpus", "lightbend_config", "config", "src", "test", "resources");

    public static string File(string relative) => Path.Combine(Resources, relative);

    public static HoconLoadOptions NoEnvironment { get; } = new() { EnvironmentLookup = HoconLoadOptions.NoEnvironment };
}
