namespace ActorBot.Host.Tests.Cli;

/// <summary>
/// Every command the README documents works as written from the repository root. The examples run through the
/// built <c>actorbot.dll</c> with the repository root as working directory — what <c>dotnet run --project</c>
/// gives since the Host's RunWorkingDirectory is the caller's directory, which <see cref="DotnetRunTests"/> proves.
/// </summary>
[Collection(RepoRootCommands.Name)]
public sealed class ReadmeCommandsTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    [Fact(DisplayName = "Every sub-command in the README's table has an example line that this test runs")]
    public void EveryTableCommandHasAnExample()
    {
        var table = ReadmeCommands.TableCommands();
        var examples = ReadmeCommands.Examples().Select(e => string.Join(' ', e)).ToList();

        table.Should().Contain(["run", "replay", "parity", "model score", "model registry", "simulate", "state inspect", "config hocon-to-json"]);
        table.Where(c => !examples.Any(e => e == c || e.StartsWith(c + " ", StringComparison.Ordinal)))
            .Should().BeEmpty("each documented command needs a concrete README example on bundled files");
    }

    [Fact(DisplayName = "Every README example runs as written from the repository root and exits 0; run and simulate answer on their ports")]
    public async Task EveryExampleRuns()
    {
        var failures = new List<string>();
        foreach (var example in ReadmeCommands.Examples())
        {
            var failure = example[0] switch
            {
                "run" => await RunService(example),
                "simulate" => await RunSimulator(example),
                _ => await RunToCompletion(example),
            };
            if (failure is not null)
            {
                failures.Add($"actorbot {string.Join(' ', example)}: {failure}");
            }
        }

        failures.Should().BeEmpty();
    }

    private static async Task<string?> RunToCompletion(string[] args)
    {
        using var process = ActorbotProcess.StartDll(args, ReadmeCommands.RepoRoot);
        var code = await process.WaitForExit(CommandTimeout);
        return code == 0 ? null : $"exit {code}; stderr: {process.Stderr}";
    }

    /// <summary>The service runs until stopped; give it a short --duration and ask its probe while it runs.</summary>
    private static async Task<string?> RunService(string[] args)
    {
        var withDuration = args.Contains("--duration") ? args : [.. args, "--duration", "5s"];
        // Any free probe port: another test's service may hold the default one.
        using var process = ActorbotProcess.StartDll(withDuration, ReadmeCommands.RepoRoot, new Dictionary<string, string?> { ["ACTORBOT_HTTP_PORT"] = "0" });
        var url = (await process.WaitForLine(@"probe on (http://\S+?)/?(,|$)", CommandTimeout)).Groups[1].Value;
        using var http = new HttpClient();
        var health = await http.GetAsync(new Uri(url.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/health"));
        var code = await process.WaitForExit(CommandTimeout);
        return code == 0 && health.IsSuccessStatusCode ? null : $"exit {code}, /health {(int)health.StatusCode}; stderr: {process.Stderr}";
    }

    /// <summary>The simulator runs until stopped: wait for its address, ping it, stop it with SIGTERM.</summary>
    private static async Task<string?> RunSimulator(string[] args)
    {
        using var process = ActorbotProcess.StartDll(args, ReadmeCommands.RepoRoot);
        var rest = (await process.WaitForLine(@"simulator REST (http://\S+)", CommandTimeout)).Groups[1].Value;
        using var http = new HttpClient();
        var ping = await http.GetAsync(new Uri(new Uri(rest), "/fapi/v1/ping"));
        process.Terminate();
        var code = await process.WaitForExit(CommandTimeout);
        return code == 0 && ping.IsSuccessStatusCode ? null : $"exit {code}, ping {(int)ping.StatusCode}; stderr: {process.Stderr}";
    }
}
