namespace ActorBot.Benchmarks.Suites.RssFloor;

/// <summary>The checkout this benchmark was built from: the first parent of the binary holding ActorBot.sln.</summary>
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
