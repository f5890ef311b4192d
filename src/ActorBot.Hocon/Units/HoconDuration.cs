using System.Globalization;

namespace ActorBot.Hocon.Units;

/// <summary>
/// HOCON durations (HOCON.md "Duration format"): a number, optional whitespace, optional unit
/// (ns, us, ms, s, m, h, d and their long forms). A bare number is milliseconds, as in Akka.NET.
/// </summary>
public static class HoconDuration
{
    private static readonly Dictionary<string, double> TicksPerUnit = BuildUnits();

    /// <summary>Parses a duration; throws <see cref="FormatException"/> naming the bad text.</summary>
    public static TimeSpan Parse(string text)
    {
        if (!TryParse(text, out var value))
        {
            throw new FormatException($"'{text}' is not a duration: expected a number with an optional unit (ns, us, ms, s, m, h, d; e.g. 10s, 500 ms, 2 minutes)");
        }

        return value;
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var (number, unit) = UnitSplitter.Split(text);
        if (number.Length == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        if (!TicksPerUnit.TryGetValue(unit.Length == 0 ? "ms" : unit, out var ticksPerUnit))
        {
            return false;
        }

        var ticks = amount * ticksPerUnit;
        if (double.IsNaN(ticks) || ticks > TimeSpan.MaxValue.Ticks || ticks < TimeSpan.MinValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    private static Dictionary<string, double> BuildUnits()
    {
        var units = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(double ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = ticks;
            }
        }

        Add(0.01, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(10, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }
}
