namespace ActorBot.Host.Tests.Cli;

/// <summary>
/// The README's own invocation, <c>dotnet run --project src/ActorBot.Host -- …</c>: relative paths resolve against
/// the directory it is run from (the Web SDK alone would use src/ActorBot.Host). Slow (it checks the build), so
/// only these two go through it; the other README commands run the built dll in the same working directory.
/// </summary>
[Collection(RepoRootCommands.Name)]
public sealed class DotnetRunTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact(DisplayName = "The README's replay command under dotnet run --project from the repository root reads configs/ and writes out/ there")]
    public async Task ReplayFromRepoRoot()
    {
        var replay = ReadmeCommands.Examples().First(e => e[0] == "replay");
        var outDir = Path.Combine(ReadmeCommands.RepoRoot, replay[Array.IndexOf(replay, "--out") + 1]);
        var started = DateTime.UtcNow;

        using var process = ActorbotProcess.StartDotnetRun("src/ActorBot.Host", [], replay, ReadmeCommands.RepoRoot);
        var code = await process.WaitForExit(Timeout);

        code.Should().Be(0, process.Stderr);
        process.Stdout.Should().Contain("replayed 105280 trades of BTCUSD_PERP");
        File.GetLastWriteTimeUtc(Path.Combine(outDir, "summary.json")).Should().BeOnOrAfter(started.AddSeconds(-1));
    }

    [Fact(DisplayName = "dotnet run --project from another directory resolves a relative file against that directory")]
    public async Task RelativeToCaller()
    {
        var dir = Directory.CreateTempSubdirectory("actorbot-caller-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "caller.conf"), "answer = 42\n");
            var project = Path.Combine(ReadmeCommands.RepoRoot, "src", "ActorBot.Host");

            using var process = ActorbotProcess.StartDotnetRun(project, [], ["config", "hocon-to-json", "caller.conf"], dir.FullName);
            var code = await process.WaitForExit(Timeout);

            code.Should().Be(0, process.Stderr);
            process.Stdout.Should().Contain("\"answer\": 42");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
