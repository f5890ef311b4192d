using System.Globalization;

namespace ActorBot.Host.Cli;

/// <summary>
/// Durations on the command line in the HOCON style the config uses (<c>30s</c>, <c>500 ms</c>, <c>5 minutes</c>,
/// <c>2h</c>; a bare number is milliseconds). Parsed here rather than by a HOCON parser: a flag value is not a
/// config document, and Akka's own parser does not return on some malformed input (issue 9).
/// </summary>
public static class DurationText
{
    private static readonly (string[] Names, double Ms)[] Units =
    [
        (["ns", "nano", "nanos", "nanosecond", "nanoseconds"], 1e-6),
        (["us", "micro", "micros", "microsecond", "microseconds"], 1e-3),
        (["ms", "milli", "millis", "millisecond", "milliseconds"], 1),
        (["s", "second", "seconds"], 1_000),
        (["m", "minute", "minutes"], 60_000),
        (["h", "hour", "hours"], 3_600_000),
        (["d", "day", "days"], 86_400_000),
    ];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var trimmed = text.Trim();
        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        if (split == 0 || !double.TryParse(trimmed.AsSpan(0, split), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        var unit = trimmed[split..].Trim();
        var ms = unit.Length == 0 ? 1 : Units.FirstOrDefault(u => u.Names.Contains(unit, StringComparer.Ordinal)).Ms;
        var total = amount * ms;
        if (ms == 0 || !double.IsFinite(total) || total > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }
}
