using Akka.Configuration;

namespace ActorBot.Engine.Configuration;

/// <summary>
/// Typed reads of our own keys. Akka's getters answer a bad value with a bare <see cref="FormatException"/>
/// (no key, no value) or silently with a default; an operator deserves the key, the value and what was
/// expected, as a <see cref="ConfigurationException"/> the CLI turns into one line and exit 2.
/// Keys are full paths from the root (<c>actorbot.…</c>), so <see cref="ConfigReadLog"/> can tell which documented
/// keys the service reads.
/// </summary>
public static class ConfigValues
{
    public static TimeSpan Duration(this Config config, string key, TimeSpan fallback) =>
        Read(config, key, () => config.GetTimeSpan(key, fallback, allowInfinite: false), "a finite duration such as 10s or 500ms");

    public static bool Flag(this Config config, string key, bool fallback) =>
        Read(config, key, () => config.GetBoolean(key, fallback), "on/off or true/false");

    public static int Int(this Config config, string key, int fallback) =>
        Read(config, key, () => config.GetInt(key, fallback), "a whole number");

    public static double Double(this Config config, string key, double fallback) =>
        Read(config, key, () => config.GetDouble(key, fallback), "a number");

    /// <summary>Money and prices: read as decimal so 0.1 stays 0.1 (a double would not).</summary>
    public static decimal Decimal(this Config config, string key, decimal fallback) =>
        Read(config, key, () => config.HasPath(key) ? config.GetDecimal(key) : fallback, "a number");

    /// <summary>Sizes such as 64 MiB or 500 kB (a bare number is bytes).</summary>
    public static long ByteSize(this Config config, string key, long fallback) =>
        Read(config, key, () => config.HasPath(key) ? config.GetByteSize(key) ?? fallback : fallback, "a size such as 64 MiB");

    public static string? Text(this Config config, string key, string? fallback) =>
        Read(config, key, () => config.GetString(key, fallback), "a string");

    public static IList<string> TextList(this Config config, string key) =>
        Read(config, key, () => config.GetStringList(key), "a list of strings");

    private static T Read<T>(Config config, string key, Func<T> read, string expected)
    {
        ArgumentNullException.ThrowIfNull(config);
        ConfigReadLog.Record(key);
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or OverflowException
                                       or InvalidCastException or InvalidOperationException or ArgumentException
                                       or ConfigurationException)
        {
            throw new ConfigurationException($"{key} must be {expected} (got {Describe(config, key)})", ex);
        }
    }

    private static string Describe(Config config, string key)
    {
        try
        {
            var value = config.GetValue(key);
            if (value is null)
            {
                return "nothing";
            }

            return value.IsObject() ? "an object" : value.IsArray() ? "a list" : $"\"{value.GetString()}\"";
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or InvalidOperationException or ConfigurationException)
        {
            return "an unreadable value";
        }
    }
}
