using ActorBot.Host.Cli;

namespace ActorBot.Host.Tests.Cli;

/// <summary><c>--duration</c> values: HOCON's duration units, parsed without a HOCON parser.</summary>
public sealed class DurationTextTests
{
    [Theory(DisplayName = "HOCON-style durations parse to the right span")]
    [InlineData("30s", 30_000)]
    [InlineData("500 ms", 500)]
    [InlineData("5 minutes", 300_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("250", 250)]
    [InlineData(" 10 seconds ", 10_000)]
    public void Parses(string text, double milliseconds)
    {
        DurationText.TryParse(text, out var d).Should().BeTrue();
        d.TotalMilliseconds.Should().Be(milliseconds);
    }

    [Theory(DisplayName = "Anything else is refused, not guessed")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("-5s")]
    [InlineData("5 fortnights")]
    [InlineData("1e3s")]
    [InlineData("99999999999999999999d")]
    [InlineData("s")]
    public void Refuses(string text) => DurationText.TryParse(text, out _).Should().BeFalse();
}
