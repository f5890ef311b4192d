using ActorBot.Domain.Modes;
using ActorBot.Host.Service;
using Microsoft.Extensions.Logging;

namespace ActorBot.Host.Tests.Service;

/// <summary>
/// <c>run --dashboard</c> logs only warnings and errors: a minimum level given to the host builder, so nothing
/// process-wide (an environment variable other hosts in the process would read) changes.
/// </summary>
public sealed class ServiceLogLevelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-loglevel-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "A minimum log level given to ServiceHost.Build mutes information logs of that host only; no process variable is set")]
    public async Task Minimum_level_is_the_hosts_own()
    {
        Environment.GetEnvironmentVariable("Logging__LogLevel__Default").Should().BeNull("the test process sets no logging variable");
        var quiet = Build(LogLevel.Warning);
        var normal = Build(null);
        try
        {
            Logger(quiet).IsEnabled(LogLevel.Information).Should().BeFalse();
            Logger(quiet).IsEnabled(LogLevel.Warning).Should().BeTrue();
            Logger(normal).IsEnabled(LogLevel.Information).Should().BeTrue("the other host, built after, keeps its own level");
            Environment.GetEnvironmentVariable("Logging__LogLevel__Default").Should().BeNull();
        }
        finally
        {
            await quiet.DisposeAsync();
            await normal.DisposeAsync();
        }
    }

    private WebApplication Build(LogLevel? level)
    {
        var overrides = Path.Combine(_dir, "override.conf");
        File.WriteAllText(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.strategy.profile = ""
            """);
        return ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Shadow, httpPortOverride: 0, environment: _ => null, minimumLogLevel: level);
    }

    private static ILogger Logger(WebApplication app) => app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ActorBot.Host.Tests");
}
