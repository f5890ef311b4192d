using ActorBot.Engine.Replay;

namespace ActorBot.Engine.Tests.Replay;

/// <summary>The shipped config and the bundled real day, located from the repository root; results cached per config.</summary>
internal static class ReplayFixture
{
    private static readonly Lazy<ReplayResult> Shipped = new(() => Run(ShippedConfig()));

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ActorBot.sln not found above the test assembly.");
    }

    public static string ConfigPath => Path.Combine(RepoRoot(), "configs", "snap_harvester_btc.yaml");

    public static ReplayConfig ShippedConfig() => ReplayConfig.Load(ConfigPath);

    public static ReplayResult ShippedResult => Shipped.Value;

    public static ReplayResult Run(ReplayConfig config) => ReplayRun.Execute(config, ReplayRun.ReadTrades(config));

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "actorbot-replay-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
