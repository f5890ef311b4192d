using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ActorBot.Cluster.Tests.Harness;

/// <summary>
/// The built <c>actorbot.dll</c> as a child process: output kept line by line (a test waits for a line instead of
/// sleeping, and a failure shows the tail), and the signals a failure test needs — SIGKILL (no shutdown at all),
/// SIGSTOP / SIGCONT (frozen: sockets stay open, heartbeats stop, as a partitioned node looks to its peers), SIGTERM.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "actorbot.dll");

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Seen)> _waiters = [];
    private readonly StreamWriter _log;
    private bool _closed;

    public ChildProcess(string name, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        Name = name;
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // The child must not inherit the test run's MSBuild settings.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
        {
            psi.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // The whole output also goes to {name}.log in the working directory (kept when a test fails).
        _log = new StreamWriter(Path.Combine(workingDirectory, $"{name}.log"), append: true) { AutoFlush = true };
        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data is null ? null : "[stderr] " + e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last <paramref name="lines"/> lines of stdout and stderr, for a failure message.</summary>
    public string Tail(int lines = 40) => $"--- {Name} (pid {Pid}) ---\n" + string.Join('\n', _lines.TakeLast(lines));

    /// <summary>Completes with the first output line matching <paramref name="pattern"/>; fails after <paramref name="timeout"/> with the tail.</summary>
    public async Task<Match> WaitForLine(string pattern, TimeSpan timeout)
    {
        var waiter = (new Regex(pattern), new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_waiters)
        {
            _waiters.Add(waiter);
            foreach (var line in _lines)
            {
                if (waiter.Item1.Match(line) is { Success: true } m)
                {
                    waiter.Item2.TrySetResult(m);
                }
            }
        }

        try
        {
            return await waiter.Item2.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name}: no line matching /{pattern}/ within {timeout.TotalSeconds:0} s (exited: {HasExited})\n{Tail()}");
        }
    }

    /// <summary>SIGKILL: the process ends at once, no finally block, no shutdown, sockets reset by the kernel.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Stop() => Signal("STOP");

    public void Continue() => Signal("CONT");

    public void Terminate() => Signal("TERM");

    public async Task<bool> WaitForExit(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            // SIGKILL ends a stopped process too.
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
        lock (_log)
        {
            // Output events may still arrive from the reader threads after this.
            _closed = true;
            _log.Dispose();
        }
    }

    // kill(1), as a service manager or an operator sends it.
    private void Signal(string signal)
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed with exit code {kill.ExitCode}");
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }

        _lines.Enqueue(line);
        while (_lines.Count > 2000 && _lines.TryDequeue(out _))
        {
            // Keep the tail only: a node logs for minutes.
        }

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
