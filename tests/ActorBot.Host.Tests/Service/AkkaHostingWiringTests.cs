using System.Collections.Concurrent;
using ActorBot.Domain.Modes;
using ActorBot.Host.Service;
using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorBot.Host.Tests.Service;

/// <summary>
/// The service's actor system is the Generic Host's (Akka.Hosting): Akka's own log events go through the host's
/// Microsoft.Extensions.Logging providers, and shutdown runs both ways — stopping the host runs Akka's
/// CoordinatedShutdown, and a CoordinatedShutdown started inside Akka stops the host.
/// </summary>
public sealed class AkkaHostingWiringTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-akkahost-").FullName;
    private readonly CapturingProvider _logs = new();
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.strategy.profile = ""
            """);
        _app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Shadow, httpPortOverride: 0, environment: _ => null);
        // Added before the host starts, so the logger Akka.Hosting creates for the actor system writes here too.
        _app.Services.GetRequiredService<ILoggerFactory>().AddProvider(_logs);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "Akka's log events reach the host's Microsoft.Extensions.Logging providers, not Akka's own stdout logger")]
    public async Task AkkaLogsThroughTheHost()
    {
        var system = _app!.Services.GetRequiredService<ActorSystem>();
        var marker = $"akka-log-marker-{Guid.NewGuid():N}";

        system.Log.Warning("{0}", marker);

        await Poll(() => _logs.Messages.Any(m => m.Contains(marker, StringComparison.Ordinal)), "the marker logged through ILoggerFactory");
        var configured = system.Settings.Loggers;
        configured.Should().NotContain(l => l.Contains("StandardOutLogger", StringComparison.Ordinal) || l.Contains("DefaultLogger", StringComparison.Ordinal));
    }

    [Fact(DisplayName = "Stopping the Generic Host runs Akka's CoordinatedShutdown and terminates the actor system")]
    public async Task HostStopRunsCoordinatedShutdown()
    {
        var system = _app!.Services.GetRequiredService<ActorSystem>();

        await _app.StopAsync();

        (await Task.WhenAny(system.WhenTerminated, Task.Delay(Wait))).Should().BeSameAs(system.WhenTerminated, "the actor system ends with the host");
        CoordinatedShutdown.Get(system).ShutdownReason.Should().NotBeNull("termination went through CoordinatedShutdown");
    }

    [Fact(DisplayName = "A CoordinatedShutdown started inside Akka stops the Generic Host")]
    public async Task CoordinatedShutdownStopsTheHost()
    {
        var system = _app!.Services.GetRequiredService<ActorSystem>();
        var lifetime = _app.Services.GetRequiredService<IHostApplicationLifetime>();

        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.UnknownReason.Instance);

        await Poll(() => lifetime.ApplicationStopping.IsCancellationRequested, "the host's ApplicationStopping fired");
    }

    // Bounded wait for a condition another thread makes true (no fixed sleep: returns as soon as it holds).
    private static async Task Poll(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"expected {what} within {Wait.TotalSeconds} s");
            await Task.Delay(20);
        }
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capturing(this);

        public void Dispose()
        {
        }

        private sealed class Capturing(CapturingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue(formatter(state, exception));
        }
    }
}
