namespace ActorBot.Benchmarks;

/// <summary>
/// The checkout the benchmarks were built from: the first parent of the binary holding ActorBot.sln (bundled data,
/// models and the host's build are read from there). Not found is an error: a benchmark on the wrong files measures nothing.
/// </summary>
internal static class RepoRoot
{
    public static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException($"no ActorBot.sln above {AppContext.BaseDirectory}");
    }
}
