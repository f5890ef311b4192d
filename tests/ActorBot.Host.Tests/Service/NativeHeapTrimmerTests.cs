using ActorBot.Host.Service;
using Microsoft.Extensions.Time.Testing;

namespace ActorBot.Host.Tests.Service;

public sealed class NativeHeapTrimmerTests
{
    [Fact(DisplayName = "The native heap is trimmed once after start-up and then every minute, on the host's clock")]
    public async Task TrimsOnSchedule()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var calls = 0;
        var trimmed = new SemaphoreSlim(0);
        using var trimmer = new NativeHeapTrimmer(time, () =>
        {
            Interlocked.Increment(ref calls);
            trimmed.Release();
            return true;
        });
        await trimmer.StartAsync(CancellationToken.None);

        time.Advance(NativeHeapTrimmer.FirstTrim - TimeSpan.FromSeconds(1));
        calls.Should().Be(0, "not before start-up is over");
        time.Advance(TimeSpan.FromSeconds(1));
        (await trimmed.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue("the first trim follows start-up");

        time.Advance(NativeHeapTrimmer.Interval - NativeHeapTrimmer.FirstTrim);
        (await trimmed.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue("then one a minute from start");
        time.Advance(NativeHeapTrimmer.Interval);
        (await trimmed.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
        time.Advance(NativeHeapTrimmer.Interval - TimeSpan.FromSeconds(1));

        // Stopping waits for the loop, so a trim wrongly due before the minute is up would be counted here.
        await trimmer.StopAsync(CancellationToken.None);
        calls.Should().Be(3, "not before the minute is up");
        trimmer.Trims.Should().Be(3);
    }

    [Fact(DisplayName = "On glibc the trim and the arena cap run (no missing entry point); an operator's MALLOC_ARENA_MAX wins")]
    public void GlibcCalls()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var act = () => NativeHeap.Trim();
        act.Should().NotThrow();
        var before = Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX");
        try
        {
            Environment.SetEnvironmentVariable("MALLOC_ARENA_MAX", "4");
            NativeHeap.LimitArenas().Should().BeFalse("the operator's setting is left alone");
            Environment.SetEnvironmentVariable("MALLOC_ARENA_MAX", null);
            NativeHeap.LimitArenas().Should().BeTrue("glibc's mallopt accepts M_ARENA_MAX");
        }
        finally
        {
            Environment.SetEnvironmentVariable("MALLOC_ARENA_MAX", before);
        }
    }
}
