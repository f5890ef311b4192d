using System.Diagnostics;

namespace ActorBot.Host.Tests.Service;

/// <summary>The real <c>actorbot</c> executable as a child process: the start-up gates.</summary>
public sealed class RunCommandProcessTests
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "actorbot.dll");

    [Fact(DisplayName = "Live mode without its gates refuses to start, names every missing gate and suggests shadow")]
    public async Task LiveRefused()
    {
        var (code, _, stderr) = await Run(["run", "--trade-mode", "live"], new Dictionary<string, string?>
        {
            ["ACTORBOT_LIVE_EXEC_ENABLE"] = "1",
            ["BINANCE_API_KEY"] = "visible-key-value-must-not-leak",
            ["BINANCE_API_SECRET"] = null,
        });
        code.Should().Be(2);
        stderr.Should().Contain("live trading refused")
            .And.Contain("--enable-live-execution")
            .And.Contain("ACTORBOT_LIVE_EXECUTION_CONFIRM")
            .And.Contain("API secret")
            .And.Contain("--trade-mode shadow");
        stderr.Should().NotContain("ACTORBOT_LIVE_EXEC_ENABLE is not set").And.NotContain("visible-key-value-must-not-leak");
    }

    [Fact(DisplayName = "DRY_RUN=true runs a live request as shadow, prints an arm-check line per gate, and never needs the live gates")]
    public async Task DryRunForcesShadow()
    {
        var (code, stdout, _) = await Run(["run", "--trade-mode", "live", "--http-port", "0", "--duration", "1s"], new Dictionary<string, string?>
        {
            ["DRY_RUN"] = "true",
            ["BINANCE_API_KEY"] = null,
            ["BINANCE_API_SECRET"] = null,
        });
        code.Should().Be(0);
        stdout.Should().Contain("trade mode shadow armed").And.Contain("DRY_RUN overrides live")
            .And.Contain("arm-check dry_run: PASS").And.Contain("arm-check venue_api_key: n/a")
            .And.Contain("arm-check testnet_endpoints");
    }

    [Fact(DisplayName = "Testnet pointed at a mainnet host is refused with exit 2, naming the URL")]
    public async Task TestnetOnMainnetRefused()
    {
        var file = Path.Combine(Path.GetTempPath(), $"actorbot-mainnet-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(file, "actorbot.venues.binance-usdm.testnet.rest-base-url = \"https://fapi.binance.com\"\n");
        try
        {
            var (code, _, stderr) = await Run(["run", "--config", file, "--trade-mode", "testnet"], new Dictionary<string, string?>());
            code.Should().Be(2);
            stderr.Should().Contain("fapi.binance.com").And.Contain("--trade-mode shadow");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact(DisplayName = "A broken config file is refused with exit 2 and its file, line and column")]
    public async Task BadConfigRefused()
    {
        var file = Path.Combine(Path.GetTempPath(), $"actorbot-bad-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(file, "actorbot {\n  trade-mode = \n  symbols = [BTCUSDT\n");
        try
        {
            var (code, _, stderr) = await Run(["run", "--config", file], new Dictionary<string, string?>());
            code.Should().Be(2);
            stderr.Should().Contain("configuration error").And.Contain(Path.GetFileName(file)).And.MatchRegex(@":\d+:\d+|line \d+");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact(DisplayName = "A probe bound off loopback without ACTORBOT_PROBE_TOKEN: run refuses to start with exit 2 and one line")]
    public async Task NonLoopbackBindWithoutTokenRefused()
    {
        var file = Path.Combine(Path.GetTempPath(), $"actorbot-bind-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(file, "actorbot.http.bind-host = \"0.0.0.0\"\n");
        try
        {
            var (code, _, stderr) = await Run(["run", "--config", file, "--trade-mode", "shadow", "--http-port", "0"], new Dictionary<string, string?>
            {
                ["ACTORBOT_PROBE_TOKEN"] = null,
                ["ACTORBOT_SIMULATOR_ENABLED"] = "off",
            });
            code.Should().Be(2);
            stderr.Trim().Split('\n').Should().ContainSingle();
            stderr.Should().Contain("actorbot.http.bind-host").And.Contain("ACTORBOT_PROBE_TOKEN");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact(DisplayName = "An unknown trade mode is refused with exit 2")]
    public async Task UnknownMode()
    {
        var (code, _, stderr) = await Run(["run", "--trade-mode", "yolo"], new Dictionary<string, string?>());
        code.Should().Be(2);
        stderr.Should().Contain("unknown trade mode \"yolo\"");
    }

    [Fact(DisplayName = "A malformed command line is a usage error: exit 2 with the reason")]
    public async Task UsageError()
    {
        var (code, _, stderr) = await Run(["run", "--http-port", "eighty"], new Dictionary<string, string?>());
        code.Should().Be(2);
        stderr.Should().Contain("eighty").And.Contain("actorbot --help");
    }

    [Fact(DisplayName = "Live against the embedded simulator (the default venue) is refused with exit 2, naming the setting")]
    public async Task LiveOnSimulatorRefused()
    {
        var (code, _, stderr) = await Run(["run", "--trade-mode", "live"], new Dictionary<string, string?> { ["ACTORBOT_SIMULATOR_ENABLED"] = "on" });
        code.Should().Be(2);
        stderr.Should().Contain("embedded venue simulator").And.Contain("actorbot.simulator.enabled = off");
    }

    [Fact(DisplayName = "Against a real venue URL (simulator off) the default trade mode auto is shadow: it starts, serves the probe and stops after --duration")]
    public async Task ShadowRunsForDuration()
    {
        var (code, stdout, _) = await Run(["run", "--http-port", "0", "--duration", "1s"], new Dictionary<string, string?>());
        code.Should().Be(0);
        stdout.Should().Contain("trade mode shadow armed");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(string[] args, Dictionary<string, string?> env)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Executable);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "ACTORBOT_LIVE_EXEC_ENABLE", "ACTORBOT_LIVE_EXECUTION_CONFIRM", "KILL_SWITCH", "BINANCE_API_KEY", "BINANCE_API_SECRET" })
        {
            psi.Environment.Remove(name);
        }

        // These are the gates against a real venue: the embedded simulator (the default venue) is off.
        psi.Environment["ACTORBOT_SIMULATOR_ENABLED"] = "off";

        foreach (var (name, value) in env)
        {
            if (value is null)
            {
                psi.Environment.Remove(name);
            }
            else
            {
                psi.Environment[name] = value;
            }
        }

        using var process = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
