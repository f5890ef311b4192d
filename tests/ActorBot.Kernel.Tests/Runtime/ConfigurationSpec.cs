using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;

namespace ActorBot.Kernel.Tests.Runtime;

public sealed class ConfigurationSpec
{
    [Fact(DisplayName = "ActorSystem.Create(name, Config) reads throughput, ask-timeout, loglevel and the scheduler implementation")]
    public async Task ReadsKernelSettings()
    {
        var config = ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.actor.ask-timeout = 7s
            akka.actor.default-dispatcher.throughput = 5
            akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
            """);
        using var system = ActorSystem.Create("configured", config);
        var impl = (ActorSystemImpl)system;
        impl.KernelSettings.Throughput.Should().Be(5);
        impl.KernelSettings.AskTimeout.Should().Be(TimeSpan.FromSeconds(7));
        system.Settings.AskTimeout.Should().Be(TimeSpan.FromSeconds(7));
        system.Settings.LogLevel.Should().Be("WARNING");
        system.Log.IsInfoEnabled.Should().BeFalse();
        system.Scheduler.Should().BeOfType<TestScheduler>();

        var silent = system.ActorOf(Props.Create(() => new SilentActor()));
        var pending = silent.Ask<object>("no reply");
        ((TestScheduler)system.Scheduler).Advance(TimeSpan.FromSeconds(7));
        await FluentActions.Awaiting(() => pending).Should().ThrowAsync<AskTimeoutException>("the configured ask-timeout applies on virtual time");
    }

    [Fact(DisplayName = "ActorSystem.Create(name) uses Akka.NET's defaults: throughput 30, infinite ask-timeout, the real-time scheduler")]
    public void Defaults()
    {
        using var system = ActorSystem.Create("defaults");
        var impl = (ActorSystemImpl)system;
        impl.KernelSettings.Throughput.Should().Be(30);
        impl.KernelSettings.AskTimeout.Should().BeNull();
        system.Scheduler.Should().NotBeOfType<TestScheduler>();
    }

    [Fact(DisplayName = "Bad kernel settings fail system creation with a ConfigurationException naming the key")]
    public void BadSettings()
    {
        var zero = () => ActorSystem.Create("bad", ConfigurationFactory.ParseString("akka.actor.default-dispatcher.throughput = 0"));
        zero.Should().Throw<ConfigurationException>().WithMessage("*throughput*");
        var level = () => ActorSystem.Create("bad", ConfigurationFactory.ParseString("akka.loglevel = LOUD"));
        level.Should().Throw<ConfigurationException>().WithMessage("*akka.loglevel*");
        var scheduler = () => ActorSystem.Create("bad", ConfigurationFactory.ParseString("akka.scheduler.implementation = \"No.Such.Scheduler, Nowhere\""));
        scheduler.Should().Throw<ConfigurationException>().WithMessage("*akka.scheduler.implementation*");
        var name = () => ActorSystem.Create("bad name");
        name.Should().Throw<ArgumentException>();
    }

    [Fact(DisplayName = "Mailbox settings come from HOCON: an unsupported mailbox-type or stash-capacity is refused naming the key")]
    public void MailboxSettings()
    {
        using (var system = ActorSystem.Create("mailbox", ConfigurationFactory.ParseString("akka.actor.default-mailbox.stash-capacity = 2")))
        {
            ((ActorSystemImpl)system).KernelSettings.StashCapacity.Should().Be(2);
        }

        var bounded = () => ActorSystem.Create("bad", ConfigurationFactory.ParseString("akka.actor.default-mailbox.mailbox-type = \"Akka.Dispatch.BoundedMailbox\""));
        bounded.Should().Throw<ConfigurationException>().WithMessage("*default-mailbox.mailbox-type*BoundedMailbox*not supported*");
        var zero = () => ActorSystem.Create("bad", ConfigurationFactory.ParseString("akka.actor.default-mailbox.stash-capacity = 0"));
        zero.Should().Throw<ConfigurationException>().WithMessage("*stash-capacity*");
    }

    [Fact(DisplayName = "A stash over akka.actor.default-mailbox.stash-capacity throws StashOverflowException naming the key")]
    public async Task StashCapacityEnforced()
    {
        using var system = ActorSystem.Create("stashcap", ConfigurationFactory.ParseString("akka.actor.default-mailbox.stash-capacity = 2"));
        var overflow = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.ActorOf(Props.Create(() => new StashingActor(overflow)));
        for (var i = 0; i < 3; i++)
        {
            actor.Tell(i, ActorRefs.NoSender);
        }

        var stashed = await overflow.Task.WaitAsync(TimeSpan.FromSeconds(10));
        stashed.Should().Be(2, "the third message found the stash full with two");
    }

    private sealed class StashingActor : ReceiveActor, IWithUnboundedStash
    {
        public StashingActor(TaskCompletionSource<int> overflow)
        {
            ReceiveAny(_ =>
            {
                try
                {
                    Stash.Stash();
                }
                catch (StashOverflowException)
                {
                    overflow.TrySetResult(Stash.Count);
                }
            });
        }

        public IStash Stash { get; set; } = null!;
    }

    [Fact(DisplayName = "The real-time scheduler delivers a scheduled Tell")]
    public async Task RealScheduler()
    {
        using var system = ActorSystem.Create("realtime");
        var received = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.ActorOf(Props.Create(() => new CompletingActor(received)));
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(20), actor, "tick", ActorRefs.NoSender);
        (await received.Task.WaitAsync(TimeSpan.FromSeconds(15))).Should().Be("tick");
    }

    private sealed class SilentActor : ReceiveActor
    {
        public SilentActor() => ReceiveAny(_ => { });
    }

    private sealed class CompletingActor : ReceiveActor
    {
        public CompletingActor(TaskCompletionSource<object> done) => ReceiveAny(m => done.TrySetResult(m));
    }
}
