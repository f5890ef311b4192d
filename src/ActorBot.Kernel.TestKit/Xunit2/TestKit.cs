using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Configs;
using Akka.TestKit.Xunit2.Internals;
using Xunit.Abstractions;

namespace Akka.TestKit.Xunit2;

/// <summary>
/// xUnit 2 TestKit: one ActorSystem per test-class instance (xUnit builds one per test), terminated on
/// <see cref="Dispose()"/>. Warnings and errors of the system's loggers go to the test output.
/// </summary>
public class TestKit : TestKitBase, IDisposable
{
    protected readonly ITestOutputHelper? Output;
    private bool _disposed;

    public TestKit(ActorSystem? system = null, ITestOutputHelper? output = null)
        : base(Assertions, system, null, null, null, output is null ? null : new TestOutputLoggerFactory(output))
    {
        Output = output;
    }

    public TestKit(Config config, string? actorSystemName = null, ITestOutputHelper? output = null)
        : base(Assertions, null, config, actorSystemName, null, output is null ? null : new TestOutputLoggerFactory(output))
    {
        Output = output;
    }

    public TestKit(string config, ITestOutputHelper? output = null)
        : this(ConfigurationFactory.ParseString(config), null, output)
    {
    }

    protected static XunitAssertions Assertions { get; } = new();

    public static new Config DefaultConfig => TestConfigs.DefaultConfig;

    protected virtual void AfterAll() => Shutdown();

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (disposing)
        {
            AfterAll();
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
