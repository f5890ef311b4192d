namespace ActorBot.Host.Tests.Cli;

/// <summary>
/// A bad value anywhere on the command line is one line on stderr naming the option and the problem, exit 2 —
/// never a stack trace; an unexpected failure is one line and exit 1.
/// </summary>
public sealed class BadValueTests
{
    public static TheoryData<string, string[], string> Cases => new()
    {
        { "port out of range", ["run", "--http-port", "99999"], "--http-port" },
        { "port not a number", ["simulate", "--port", "eighty"], "--port" },
        { "duration not a duration", ["run", "--duration", "abc"], "--duration" },
        { "unknown option", ["run", "--no-such-option"], "--no-such-option" },
        { "unknown command", ["frobnicate"], "frobnicate" },
        { "missing file", ["replay", "--config", "configs/no_such_config.yaml", "--out", "out/never"], "--config" },
        { "missing data file", ["simulate", "--data", "data/no_such_file.gz"], "--data" },
        { "bad enum: trade mode", ["run", "--trade-mode", "yolo"], "--trade-mode" },
        { "bad enum: contract", ["model", "export-features", "--trades", "data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip", "--contract", "sideways", "--out", "out/never.csv"], "--contract" },
        { "bad speed", ["simulate", "--speed", "fast"], "--speed" },
        { "missing required option", ["parity", "--a", "configs"], "--b" },
    };

    [Theory(DisplayName = "A bad command-line value is one line naming the option, exit 2, no stack trace")]
    [MemberData(nameof(Cases))]
    public async Task BadValue(string why, string[] args, string named)
    {
        var (code, stderr) = await Run(args, ReadmeCommands.RepoRoot);

        code.Should().Be(2, why);
        OneLine(stderr, why).Should().Contain(named);
    }

    [Fact(DisplayName = "A typed config error raised inside a command (unknown key in a strategy YAML) is one line and exit 2")]
    public async Task TypedConfigError()
    {
        var dir = Directory.CreateTempSubdirectory("actorbot-badcfg-");
        try
        {
            var yaml = await File.ReadAllTextAsync(Path.Combine(ReadmeCommands.RepoRoot, "configs/snap_harvester_btc.yaml"));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "bad.yaml"), yaml + "\nno_such_key: 1\n");

            var (code, stderr) = await Run(["replay", "--config", "bad.yaml", "--out", "out"], dir.FullName);

            code.Should().Be(2);
            OneLine(stderr, "unknown key").Should().Contain("bad.yaml").And.Contain("no_such_key");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact(DisplayName = "run with an unknown actorbot key in its config file is one line naming the key, exit 2, before anything starts")]
    public async Task UnknownConfigKey()
    {
        var dir = Directory.CreateTempSubdirectory("actorbot-badkey-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "op.conf"), "actorbot.risk.daily-los-cap-usd = 10\n");

            var (code, stderr) = await Run(["run", "--config", "op.conf"], dir.FullName);

            code.Should().Be(2);
            OneLine(stderr, "unknown key").Should().Contain("op.conf:1").And.Contain("actorbot.risk.daily-los-cap-usd");
            Directory.Exists(Path.Combine(dir.FullName, "state")).Should().BeFalse("nothing started");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact(DisplayName = "An unexpected exception is reported as one line and exit 1; typed input errors as exit 2")]
    public void UnexpectedFailure()
    {
        using var stderr = new StringWriter();
        var code = ActorBot.Host.Cli.CliExit.Report(new InvalidOperationException("first line\n   at Somewhere.Else()"), "replay", stderr);

        code.Should().Be(1);
        OneLine(stderr.ToString(), "unexpected").Should().Be("actorbot replay: unexpected InvalidOperationException: first line at Somewhere.Else()");
        ActorBot.Host.Cli.CliExit.Report(new ActorBot.Data.MarketData.DataFormatException("x.zip: file not found."), "replay", TextWriter.Null).Should().Be(2);
    }

    private static string OneLine(string stderr, string why)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(why + ": " + stderr);
        stderr.Should().NotContain("   at ", why);
        return lines[0].TrimEnd('\r');
    }

    private static async Task<(int Code, string Stderr)> Run(string[] args, string workingDirectory)
    {
        using var process = ActorbotProcess.StartDll(args, workingDirectory);
        var code = await process.WaitForExit(TimeSpan.FromMinutes(1));
        return (code, process.Stderr);
    }
}
