using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ActorBot.Host.Tests.Cli;

/// <summary>
/// The <c>actorbot</c> executable as a child process with a chosen working directory: the built
/// <c>actorbot.dll</c> (fast), or the README's own <c>dotnet run --project src/ActorBot.Host</c>. Output is
/// collected line by line so a test can wait for a line (a bound port) without sleeping.
/// </summary>
internal sealed class ActorbotProcess : IDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "actorbot.dll");

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Seen)> _waiters = [];

    private ActorbotProcess(ProcessStartInfo psi)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;

        // A nested dotnet run must not inherit the test run's MSBuild settings.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
        {
            psi.Environment.Remove(name);
        }

        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) => OnLine(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(_stderr, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout => string.Join('\n', _stdout);

    public string Stderr => string.Join('\n', _stderr);

    public IReadOnlyList<string> StderrLines => _stderr.ToList();

    public int ExitCode => _process.ExitCode;

    /// <summary>Runs the built executable: <c>dotnet actorbot.dll args</c> in <paramref name="workingDirectory"/>.</summary>
    public static ActorbotProcess StartDll(IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            // null removes the variable from the child's environment.
            psi.Environment[name] = value;
        }

        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return new ActorbotProcess(psi);
    }

    /// <summary>Runs <c>dotnet run --project <paramref name="project"/> [extra] -- args</c> in <paramref name="workingDirectory"/>.</summary>
    public static ActorbotProcess StartDotnetRun(string project, IEnumerable<string> dotnetRunOptions, IEnumerable<string> args, string workingDirectory)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        foreach (var a in new[] { "run", "--project", project }.Concat(dotnetRunOptions).Append("--").Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        return new ActorbotProcess(psi);
    }

    /// <summary>Completes with the first stdout line matching <paramref name="pattern"/> (bounded by <paramref name="timeout"/>).</summary>
    public Task<Match> WaitForLine(string pattern, TimeSpan timeout)
    {
        var waiter = (new Regex(pattern), new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_waiters)
        {
            _waiters.Add(waiter);
            foreach (var line in _stdout)
            {
                if (waiter.Item1.Match(line) is { Success: true } m)
                {
                    waiter.Item2.TrySetResult(m);
                }
            }
        }

        return waiter.Item2.Task.WaitAsync(timeout);
    }

    /// <summary>Asks the process to stop the way a service manager does (SIGTERM).</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void OnLine(ConcurrentQueue<string> sink, string? line)
    {
        if (line is null)
        {
            return;
        }

        sink.Enqueue(line);
        if (ReferenceEquals(sink, _stdout))
        {
            lock (_waiters)
            {
                foreach (var (pattern, seen) in _waiters)
                {
                    if (pattern.Match(line) is { Success: true } m)
                    {
                        seen.TrySetResult(m);
                    }
                }
            }
        }
    }
}
