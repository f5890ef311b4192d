using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ActorBot.Host.Tests.Cli;

/// <summary>
/// <c>run --dashboard</c> under a pseudo-terminal (util-linux <c>script</c>, so Spectre.Console sees a real TTY and
/// draws its live view): the frames show the mode, the state, the symbol, the venue and the strategy table, and the
/// run still ends with its summary and exit 0.
/// </summary>
public sealed partial class DashboardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-dashboard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact(DisplayName = "run --dashboard draws the live view on a pseudo-terminal and ends with the summary, exit 0")]
    public async Task Dashboard_draws_on_a_tty()
    {
        var script = new[] { "/usr/bin/script", "/bin/script" }.FirstOrDefault(File.Exists);
        script.Should().NotBeNull("util-linux `script` provides the pseudo-terminal (apt-get install -y bsdutils)");
        var dll = Path.Combine(AppContext.BaseDirectory, "actorbot.dll");
        var psi = new ProcessStartInfo(script!) { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-qec", $"dotnet {dll} run --dashboard --duration 4s --http-port 0", "/dev/null" })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var screen = Ansi().Replace(await stdout, string.Empty);

        process.ExitCode.Should().Be(0, screen);
        screen.Should().Contain("ActorBot").And.Contain("testnet").And.Contain("BTCUSD_PERP").And.Contain("binance-usdm")
            .And.Contain("strategy and risk").And.Contain("open positions").And.Contain("summary (testnet, binance-usdm");
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();
}
