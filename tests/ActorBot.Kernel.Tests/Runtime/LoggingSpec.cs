using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Microsoft.Extensions.Logging;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ActorBot.Kernel.Tests.Runtime;

public sealed class LoggingSpec
{
    [Fact(DisplayName = "Context.GetLogger() writes through Microsoft.Extensions.Logging with the actor path and formatted arguments")]
    public async Task BridgesToMel()
    {
        var sink = new CapturingLoggerFactory();
        var system = ActorSystemImpl.Start("logging", KernelSettings.FromConfig(ConfigurationFactory.ParseString("akka.loglevel = DEBUG"), sink));
        var actor = system.ActorOf(Props.Create(() => new LoggingActor()), "talker");
        actor.Tell("go", ActorRefs.NoSender);
        var line = await sink.Lines.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        line.Level.Should().Be(MelLogLevel.Information);
        line.Text.Should().Be("[akka://logging/user/talker] got go 42");
        var named = await sink.Lines.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        named.Level.Should().Be(MelLogLevel.Warning);
        named.Text.Should().Contain("symbol BTCUSDT");
        await system.Terminate();
    }

    [Fact(DisplayName = "akka.loglevel gates what reaches the logger factory")]
    public async Task LevelGate()
    {
        var sink = new CapturingLoggerFactory();
        var system = ActorSystemImpl.Start("gated", KernelSettings.FromConfig(ConfigurationFactory.ParseString("akka.loglevel = ERROR"), sink));
        system.Log.Warning("dropped {0}", 1);
        system.Log.Error("kept {0}", 2);
        var line = await sink.Lines.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        line.Text.Should().EndWith("kept 2");
        await system.Terminate();
    }

    private sealed class LoggingActor : ReceiveActor
    {
        public LoggingActor()
        {
            var log = Context.GetLogger();
            Receive<string>(s =>
            {
                log.Info("got {0} {1}", s, 42);
                log.Warning("symbol {Symbol}", "BTCUSDT");
            });
        }
    }

    private sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
    {
        public System.Threading.Channels.Channel<(MelLogLevel Level, string Text)> Lines { get; } =
            System.Threading.Channels.Channel.CreateUnbounded<(MelLogLevel, string)>();

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(MelLogLevel logLevel) => true;

        public void Log<TState>(MelLogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Writer.TryWrite((logLevel, formatter(state, exception)));
    }
}
