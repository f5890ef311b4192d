using ActorBot.Engine.Replay;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Engine.Tests.Replay;

/// <summary>The replay clock as Akka.NET loads it: through <c>akka.scheduler.implementation</c>, with the whole config.</summary>
public sealed class VirtualClockSchedulerTests
{
    private static Config ClockConfig(string extra) => ConfigurationFactory.ParseString($$"""
        akka.scheduler.implementation = "{{typeof(VirtualClockScheduler).FullName}}, ActorBot.Engine"
        akka.loglevel = ERROR
        {{extra}}
        """);

    [Fact(DisplayName = "Akka loads the virtual clock from config; it starts at virtual-start-ms, not at the wall clock or 1970")]
    public async Task Starts_at_the_configured_minute()
    {
        const long start = 1_778_198_400_000; // 2026-05-08T00:00Z, the bundled day's first minute
        using var system = ActorSystem.Create("clock", ClockConfig($"akka.scheduler.virtual-start-ms = {start}"));
        var clock = system.Scheduler.Should().BeOfType<VirtualClockScheduler>().Subject;
        clock.NowMs.Should().Be(start);
        system.Scheduler.Now.ToUnixTimeMilliseconds().Should().Be(start);
        await system.Terminate();
    }

    [Fact(DisplayName = "A timer fires only when the clock is advanced past its due time, once per period crossed")]
    public async Task Timers_fire_on_advance()
    {
        using var system = ActorSystem.Create("clock", ClockConfig("akka.scheduler.virtual-start-ms = 1000"));
        var clock = (VirtualClockScheduler)system.Scheduler;
        var fired = new List<long>();
        using var cancel = new Cancelable((IScheduler)clock);
        clock.Advanced.ScheduleRepeatedly(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), () => fired.Add(clock.NowMs), cancel);
        clock.AdvanceTo(1099);
        fired.Should().BeEmpty();
        clock.AdvanceTo(1350);
        fired.Should().Equal(1100, 1200, 1300);
        cancel.Cancel();
        clock.AdvanceTo(2000);
        fired.Should().HaveCount(3);
        await system.Terminate();
    }

    [Fact(DisplayName = "Without virtual-start-ms the actor system refuses to start and names the key")]
    public void Missing_start_key_is_refused()
    {
        var act = () => ActorSystem.Create("clock", ClockConfig(string.Empty));
        act.Should().Throw<Exception>().Where(e => Flatten(e).Contains(VirtualClockScheduler.StartPath));
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
