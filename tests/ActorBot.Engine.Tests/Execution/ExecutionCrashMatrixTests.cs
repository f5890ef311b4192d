using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using ActorBot.Domain.Execution;
using ActorBot.Venues.Simulator;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ActorBot.Engine.Tests.Execution;

/// <summary>
/// The execution crash matrix: a child process (tests/ActorBot.Execution.CrashChild: /execution on the real SQLite
/// journal against this in-process simulator) is SIGKILLed at a seeded-random step of the order lifecycle, restarted on
/// the same database until restart-flatten is done, and the VENUE is checked: no client order id twice, no position
/// left (policy flatten) and no algo order left on a flat book, no order the journal's strategy did not make.
/// The restarted child is the next run's child (one child start per run).
/// Runs: 50, the CI minimum (about 3.7 min on 2 cores: each run is one child start, ~4.4 s), or <c>ACTORBOT_CRASH_RUNS</c>.
/// </summary>
public sealed class ExecutionCrashMatrixTests
{
    private const int DefaultRuns = 50;
    private const int EntriesPerRun = 2;
    private const int Seed = 20260522;
    private const string Strategy = "snap";
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT"];
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly ITestOutputHelper _output;

    public ExecutionCrashMatrixTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private enum KillStep
    {
        BeforeSend,
        AfterSendBeforeAck,
        AfterFillBeforeBrackets,
        AfterBrackets,
    }

    [Fact(DisplayName = "Crash matrix: SIGKILL at a seeded-random lifecycle step, restart: no duplicate order, no position or bracket left, no foreign order on the venue")]
    public async Task Survives_sigkill_at_every_step()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("ACTORBOT_CRASH_RUNS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultRuns;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Port = 0, AutoStartReplay = false });
        sim.PublishTrade("BTCUSDT", 60_000m, 0.01m, 1);
        sim.PublishTrade("ETHUSDT", 3_000m, 0.1m, 2);
        var dir = Directory.CreateTempSubdirectory("actorbot-exec-crash-").FullName;
        var db = Path.Combine(dir, "actorbot.db");
        var random = new Random(Seed);
        var kills = new int[4];
        var watch = Stopwatch.StartNew();
        var child = await Child.StartAsync(db, sim);
        try
        {
            AssertVenueClean(sim, "first start");
            for (var run = 1; run <= runs; run++)
            {
                var step = (KillStep)random.Next(4);
                kills[(int)step]++;
                await KillAt(child, sim, step, 1_700_000_000_000 + (run * 1_000L));
                sim.Faults.RestDelay = TimeSpan.Zero;
                child.Dispose();

                child = await Child.StartAsync(db, sim);
                AssertVenueClean(sim, $"run {run}, killed {step}");
            }
        }
        finally
        {
            sim.Faults.RestDelay = TimeSpan.Zero;
            child.Dispose();
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }

        _output.WriteLine($"{runs} runs in {watch.Elapsed.TotalSeconds:F1} s; kills per step: " +
            string.Join(", ", Enum.GetValues<KillStep>().Select(s => $"{s} {kills[(int)s]}")) +
            $"; venue orders {sim.Engine.ClientOrderIds.Count}, algo orders {sim.Engine.ClientAlgoIds.Count}");
    }

    private static async Task KillAt(Child child, SimulatorHost sim, KillStep step, long signalTimeMs)
    {
        var entryId = ClientOrderId.Create(Strategy, "BTCUSDT", signalTimeMs, OrderLeg.Entry);
        switch (step)
        {
            case KillStep.BeforeSend:
                child.Kill();
                return;

            case KillStep.AfterSendBeforeAck:
                {
                    // Killed from inside the venue while it executes the entry: its REST answer has not been written yet.
                    var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    void OnEvent(string json)
                    {
                        if (json.Contains(entryId, StringComparison.Ordinal) && !killed.Task.IsCompleted)
                        {
                            child.Kill();
                            killed.TrySetResult();
                        }
                    }

                    sim.Engine.UserEvent += OnEvent;
                    try
                    {
                        child.Go(signalTimeMs, EntriesPerRun);
                        (await Task.WhenAny(killed.Task, Task.Delay(Wait))).Should().BeSameAs(killed.Task, "the venue receives the entry {0}", entryId);
                    }
                    finally
                    {
                        sim.Engine.UserEvent -= OnEvent;
                    }

                    return;
                }

            case KillStep.AfterFillBeforeBrackets:
                {
                    // Every new bracket waits at the venue's algo gate, unseen by the engine: the entries fill, the child
                    // sends its brackets, and it is killed while they are in flight. (Delaying REST answers from the fill
                    // event did not hold them: the simulator delays the answer, not the request, so a bracket sent before
                    // the check reached the engine — a CI failure at load 20.)
                    sim.Faults.HoldAlgoOrders();
                    try
                    {
                        child.Go(signalTimeMs, EntriesPerRun);
                        await child.WaitForLine($"FILLED ev-{signalTimeMs}-0", Wait);
                        sim.Engine.PositionAmount("BTCUSDT").Should().NotBe(0m, "the entry filled");
                        sim.Engine.OpenAlgoOrderCount.Should().Be(0, "no bracket reached the venue yet");
                        child.Kill();
                        // The dead child's held requests end with its sockets; only then may later brackets pass.
                        await Poll(() => sim.Faults.HeldAlgoOrders == 0, "the killed child's brackets left the gate unexecuted");
                    }
                    finally
                    {
                        sim.Faults.ReleaseAlgoOrders();
                    }

                    return;
                }

            case KillStep.AfterBrackets:
                child.Go(signalTimeMs, EntriesPerRun);
                await Poll(() => sim.Engine.OpenAlgoOrderCount > 0, "a bracket is on the venue");
                child.Kill();
                return;

            default:
                throw new ArgumentOutOfRangeException(nameof(step));
        }
    }

    private static void AssertVenueClean(SimulatorHost sim, string because)
    {
        var orders = sim.Engine.ClientOrderIds;
        var algos = sim.Engine.ClientAlgoIds;
        orders.Should().OnlyHaveUniqueItems("no order is sent twice ({0})", because);
        algos.Should().OnlyHaveUniqueItems("no bracket is sent twice ({0})", because);
        foreach (var id in orders.Concat(algos))
        {
            ClientOrderId.IsOwnedBy(id, Strategy).Should().BeTrue("{0} on the venue was made by the journal's strategy ({1})", id, because);
        }

        foreach (var symbol in Symbols)
        {
            sim.Engine.PositionAmount(symbol).Should().Be(0m, "restart-flatten closed {0} ({1})", symbol, because);
        }

        sim.Engine.OpenAlgoOrderCount.Should().Be(0, "no bracket is left on a flat book ({0})", because);
    }

    private static async Task Poll(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > Wait)
            {
                throw new TimeoutException($"not within {Wait}: {what}");
            }

            await Task.Delay(1); // poll interval of a bounded wait on the venue's state
        }
    }

    /// <summary>One child process: its stdout lines, a go command on stdin, SIGKILL.</summary>
    private sealed class Child : IDisposable
    {
        private readonly Process _process;
        private bool _disposed;
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly Task<string> _stderr;

        private Child(Process process)
        {
            _process = process;
            _stderr = process.StandardError.ReadToEndAsync();
            _ = Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is { } line)
                {
                    _lines.Enqueue(line);
                }
            });
        }

        public static async Task<Child> StartAsync(string db, SimulatorHost sim)
        {
            var info = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(ChildDll());
            info.ArgumentList.Add(db);
            info.ArgumentList.Add(sim.RestUri.ToString());
            info.ArgumentList.Add(sim.WsUri.ToString());
            var child = new Child(Process.Start(info) ?? throw new InvalidOperationException("cannot start the execution crash child"));
            await child.WaitForLine("READY", TimeSpan.FromSeconds(90));
            return child;
        }

        public void Go(long signalTimeMs, int count)
        {
            _process.StandardInput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"go {signalTimeMs} {count}"));
            _process.StandardInput.Flush();
        }

        public async Task WaitForLine(string line, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (!_lines.Contains(line))
            {
                if (_process.HasExited || deadline.Elapsed > timeout)
                {
                    Kill();
                    throw new TimeoutException($"crash child did not print \"{line}\" within {timeout} (exited: {_process.HasExited}); stdout: {string.Join(" | ", _lines)}; stderr: {await _stderr}");
                }

                await Task.Delay(2); // poll interval of a bounded wait on the child's output
            }
        }

        /// <summary>SIGKILL on Unix: no finally blocks, no flush, no dispose.</summary>
        public void Kill()
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }
        }

        // Idempotent: when a restart fails, the finally block disposes the child the loop already disposed, and a
        // second WaitForExit would throw "no process" and hide the restart's own error.
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Kill();
            _process.WaitForExit();
            _process.Dispose();
        }

        private static string ChildDll()
        {
            var path = typeof(ExecutionCrashMatrixTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "ExecutionCrashChildDll").Value!;
            return File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException("the execution crash child is not built", path);
        }

        private static string DotnetHost() =>
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
                ? host
                : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
