using System.Diagnostics;

namespace ActorBot.Benchmarks.Suites.RssFloor;

/// <summary>
/// The real service next to the floor, in the same run: the Release host's <c>run</c> on its embedded defaults (the
/// README's first command: one symbol, the in-process simulator) in a temp directory, sampled from outside at
/// <see cref="SampleAt"/> after its start, before its <c>--duration</c> ends it. Its own runtimeconfig carries the
/// runtime settings the children get from the environment.
/// </summary>
internal static class ServiceReference
{
    public static readonly TimeSpan SampleAt = TimeSpan.FromSeconds(55);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    public static string HostDll(string root) => Path.Combine(root, "src/ActorBot.Host/bin/Release/net10.0/actorbot.dll");

    /// <summary>Builds the host if there is no Release build; null and the reason when that fails.</summary>
    public static string? EnsureBuilt(string root, out string? problem)
    {
        problem = null;
        var dll = HostDll(root);
        if (File.Exists(dll))
        {
            return dll;
        }

        Console.WriteLine($"rss-floor: no Release host at {dll}; building it");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", Path.Combine(root, "src/ActorBot.Host")]) { UseShellExecute = false })!;
        build.WaitForExit();
        if (build.ExitCode != 0 || !File.Exists(dll))
        {
            problem = $"dotnet build -c Release src/ActorBot.Host exited {build.ExitCode}";
            return null;
        }

        return dll;
    }

    /// <summary>The sample, or null and why (the service ended before it, or could not start).</summary>
    public static ChildResult? Measure(string hostDll, out string? problem)
    {
        problem = null;
        var directory = Directory.CreateTempSubdirectory("actorbot-rss-floor-service-");
        var log = new System.Text.StringBuilder();
        try
        {
            var start = new ProcessStartInfo("dotnet", [hostDll, "run", "--duration", $"{Duration.TotalSeconds:F0}s", "--http-port", "0"])
            {
                WorkingDirectory = directory.FullName,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var service = Process.Start(start)!;
            service.OutputDataReceived += (_, e) => Append(log, e.Data);
            service.ErrorDataReceived += (_, e) => Append(log, e.Data);
            service.BeginOutputReadLine();
            service.BeginErrorReadLine();

            // Waits for the sample time, or for an early exit (which is a failure to report, not a number).
            if (service.WaitForExit(SampleAt))
            {
                problem = $"the service exited ({service.ExitCode}) before {SampleAt.TotalSeconds:F0} s:\n{Tail(log)}";
                return null;
            }

            var pid = service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var status = ProcStatus.Read(pid);
            var mapped = ProcStatus.MappedDlls(pid);
            if (!service.WaitForExit(Duration + TimeSpan.FromSeconds(30)))
            {
                service.Kill(entireProcessTree: true);
                service.WaitForExit();
            }

            if (status is null)
            {
                problem = "could not read the service's /proc status";
                return null;
            }

            return new ChildResult(status, null, null, mapped);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void Append(System.Text.StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static string Tail(System.Text.StringBuilder log)
    {
        lock (log)
        {
            var lines = log.ToString().Split('\n');
            return string.Join('\n', lines.TakeLast(20));
        }
    }
}
