using System.Globalization;
using ActorBot.Hocon;
using ActorBot.Hocon.Units;
using ActorBot.Hocon.Values;

namespace Akka.Configuration;

/// <summary>
/// An immutable, fully resolved HOCON configuration with an optional fallback chain
/// (Akka.NET's <c>Akka.Configuration.Config</c>; only members that exist in Akka.NET with the same
/// signature are public). Lookups see this configuration merged over its fallbacks: objects merge
/// key by key, anything else in this configuration wins.
/// </summary>
/// <remarks>
/// Getter semantics follow Akka.NET: a missing path returns the given default; a value of the wrong
/// type throws <see cref="ConfigurationException"/> naming the path and where it was defined.
/// <see cref="GetTimeSpan"/> reads a bare number as milliseconds and accepts "infinite" when allowed.
/// </remarks>
public class Config
{
    public static readonly Config Empty = new();

    private readonly HoconObject _root;
    private readonly Config? _fallback;
    private HoconObject? _effective;

    public Config()
        : this(HoconObject.Empty, null)
    {
    }

    public Config(Config source, Config fallback)
    {
        ArgumentNullException.ThrowIfNull(source);
        var combined = source.WithFallback(fallback);
        _root = combined._root;
        _fallback = combined._fallback;
    }

    internal Config(HoconObject root, Config? fallback)
    {
        _root = root;
        _fallback = fallback;
    }

    /// <summary>The configuration consulted for paths this one does not define (null when none).</summary>
    public Config Fallback => _fallback!;

    /// <summary>True when neither this configuration nor its fallbacks define any key.</summary>
    public virtual bool IsEmpty => EffectiveRoot.Count == 0;

    /// <summary>This configuration merged over its fallback chain.</summary>
    internal HoconObject EffectiveRoot => _effective ??= _fallback is null ? _root : _root.WithFallback(_fallback.EffectiveRoot);

    /// <summary>Parses HOCON text into a configuration.</summary>
    public static implicit operator Config(string str) => ConfigurationFactory.ParseString(str);

    /// <summary><paramref name="config"/> with the HOCON text <paramref name="fallback"/> as fallback.</summary>
    public static Config operator +(Config config, string fallback) =>
        config.WithFallback(ConfigurationFactory.ParseString(fallback));

    /// <summary>The HOCON text <paramref name="configHocon"/> with <paramref name="fallbackConfig"/> as fallback.</summary>
    public static Config operator +(string configHocon, Config fallbackConfig) =>
        ConfigurationFactory.ParseString(configHocon).WithFallback(fallbackConfig);

    internal static Config FromHocon(Func<HoconObject> load, string source)
    {
        try
        {
            return new Config(load(), null);
        }
        catch (HoconException ex)
        {
            throw new ConfigurationException($"Invalid configuration in {source}: {ex.Message}", ex);
        }
    }

    /// <summary>A configuration that consults <paramref name="fallback"/> for paths this one lacks.</summary>
    public virtual Config WithFallback(Config fallback)
    {
        if (fallback is null)
        {
            return this;
        }

        if (ReferenceEquals(fallback, this))
        {
            throw new ArgumentException("Config can not have itself as fallback", nameof(fallback));
        }

        if (fallback.IsEmpty)
        {
            return this;
        }

        return new Config(_root, _fallback is null ? fallback : _fallback.WithFallback(fallback));
    }

    public virtual bool HasPath(string path) => Find(path) is not null;

    public virtual Config GetConfig(string path)
    {
        var value = Find(path);
        return value switch
        {
            null => Empty,
            HoconObject obj => new Config(obj, null),
            HoconScalar { IsNull: true } => Empty,
            _ => throw WrongType(path, value, "an object"),
        };
    }

    public virtual string GetString(string path, string? @default = null) =>
        Find(path) switch
        {
            null or HoconScalar { IsNull: true } => @default!,
            HoconScalar scalar => scalar.Text,
            var other => throw WrongType(path, other, "a string"),
        };

    public virtual bool GetBoolean(string path, bool @default = false)
    {
        var text = ScalarText(path, "a boolean");
        return text is null ? @default : ParseBoolean(path, text);
    }

    public virtual int GetInt(string path, int @default = 0) =>
        ParseNumber(path, @default, "an integer", t => int.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture));

    public virtual long GetLong(string path, long @default = 0) =>
        ParseNumber(path, @default, "an integer", t => long.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture));

    public virtual double GetDouble(string path, double @default = 0) =>
        ParseNumber(path, @default, "a number", t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture));

    public virtual float GetFloat(string path, float @default = 0) =>
        ParseNumber(path, @default, "a number", t => float.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture));

    public virtual decimal GetDecimal(string path, decimal @default = 0m) =>
        ParseNumber(path, @default, "a decimal number", t => decimal.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture));

    /// <summary>
    /// A duration: "10s", "500 ms", "2 minutes"; a bare number is milliseconds; "infinite" is
    /// <see cref="Timeout.InfiniteTimeSpan"/> when <paramref name="allowInfinite"/> is true.
    /// </summary>
    public virtual TimeSpan GetTimeSpan(string path, TimeSpan? @default = null, bool allowInfinite = true)
    {
        var text = ScalarText(path, "a duration");
        if (text is null)
        {
            return @default.GetValueOrDefault();
        }

        if (text.Trim() == "infinite")
        {
            if (!allowInfinite)
            {
                throw new ConfigurationException($"Configuration path \"{path}\" ({Origin(path)}) is 'infinite', but an infinite duration is not allowed here.");
            }

            return Timeout.InfiniteTimeSpan;
        }

        if (!HoconDuration.TryParse(text, out var value))
        {
            throw new ConfigurationException($"Configuration path \"{path}\" ({Origin(path)}) holds '{text}', which is not a duration (e.g. 10s, 500 ms, 2 minutes; a bare number is milliseconds).");
        }

        return value;
    }

    /// <summary>A size in bytes ("512 KiB", "10MB", "1 GiB"; a bare number is bytes), or null when the path is missing.</summary>
    public virtual long? GetByteSize(string path) => GetByteSize(path, null);

    public virtual long? GetByteSize(string path, long? def = null)
    {
        var text = ScalarText(path, "a size in bytes");
        if (text is null)
        {
            return def;
        }

        if (!HoconByteSize.TryParse(text, out var value))
        {
            throw new ConfigurationException($"Configuration path \"{path}\" ({Origin(path)}) holds '{text}', which is not a size in bytes (e.g. 512 KiB, 10MB).");
        }

        return value;
    }

    public virtual IList<string> GetStringList(string path) =>
        ReadList(path, "strings", (p, v) => v is HoconScalar s && !s.IsNull ? s.Text : throw WrongType(p, v, "a string"));

    /// <summary>The list at <paramref name="path"/>, or <paramref name="defaultPaths"/> when the path is missing.</summary>
    public virtual IList<string> GetStringList(string path, string[] defaultPaths) =>
        Find(path) is null ? defaultPaths.ToList() : GetStringList(path);

    public virtual IList<bool> GetBooleanList(string path) =>
        ReadList(path, "booleans", (p, v) => ParseBoolean(p, ElementText(p, v, "a boolean")));

    public virtual IList<int> GetIntList(string path) =>
        ReadList(path, "integers", (p, v) => ParseElement(p, v, "an integer", t => int.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture)));

    public virtual IList<long> GetLongList(string path) =>
        ReadList(path, "integers", (p, v) => ParseElement(p, v, "an integer", t => long.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture)));

    public virtual IList<double> GetDoubleList(string path) =>
        ReadList(path, "numbers", (p, v) => ParseElement(p, v, "a number", t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)));

    public virtual IList<float> GetFloatList(string path) =>
        ReadList(path, "numbers", (p, v) => ParseElement(p, v, "a number", t => float.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)));

    public virtual IList<decimal> GetDecimalList(string path) =>
        ReadList(path, "numbers", (p, v) => ParseElement(p, v, "a decimal number", t => decimal.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)));

    public virtual IList<byte> GetByteList(string path) =>
        ReadList(path, "bytes", (p, v) => ParseElement(p, v, "a byte (0-255)", t => byte.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture)));

    /// <summary>This configuration (without its fallbacks) as JSON, which is valid HOCON.</summary>
    public override string ToString() => ToString(false);

    public string ToString(bool includeFallback) =>
        HoconJsonWriter.Write(includeFallback ? EffectiveRoot : _root, sortKeys: false);

    private HoconValue? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        IReadOnlyList<string> keys;
        try
        {
            keys = HoconPath.Parse(path);
        }
        catch (HoconException ex)
        {
            throw new ConfigurationException($"Invalid configuration path \"{path}\": {ex.Problem}", ex);
        }

        return EffectiveRoot.Find(keys);
    }

    private string Origin(string path) => Find(path)?.Origin.ToString() ?? "not defined";

    private string? ScalarText(string path, string expected) =>
        Find(path) switch
        {
            null or HoconScalar { IsNull: true } => null,
            HoconScalar scalar => scalar.Text,
            var other => throw WrongType(path, other, expected),
        };

    private static ConfigurationException WrongType(string path, HoconValue value, string expected) =>
        new($"Configuration path \"{path}\" ({value.Origin}) holds {Describe(value)}, expected {expected}.");

    private static string Describe(HoconValue value) => value switch
    {
        HoconObject => "an object",
        HoconArray => "an array",
        HoconScalar scalar => $"{scalar.Type.ToString().ToLowerInvariant()} '{scalar.Text}'",
        _ => value.Type.ToString(),
    };

    private bool ParseBoolean(string path, string text) => text.Trim() switch
    {
        "true" or "on" or "yes" => true,
        "false" or "off" or "no" => false,
        _ => throw new ConfigurationException($"Configuration path \"{path}\" ({Origin(path)}) holds '{text}', expected a boolean (true/false, on/off, yes/no)."),
    };

    private T ParseNumber<T>(string path, T @default, string expected, Func<string, T> parse)
    {
        var text = ScalarText(path, expected);
        if (text is null)
        {
            return @default;
        }

        try
        {
            return parse(text.Trim());
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new ConfigurationException($"Configuration path \"{path}\" ({Origin(path)}) holds '{text}', expected {expected}.", ex);
        }
    }

    private static string ElementText(string path, HoconValue value, string expected) =>
        value is HoconScalar { IsNull: false } scalar ? scalar.Text : throw WrongType(path, value, expected);

    private static T ParseElement<T>(string path, HoconValue value, string expected, Func<string, T> parse)
    {
        var text = ElementText(path, value, expected);
        try
        {
            return parse(text.Trim());
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new ConfigurationException($"Configuration path \"{path}\" ({value.Origin}) has element '{text}', expected {expected}.", ex);
        }
    }

    private IList<T> ReadList<T>(string path, string what, Func<string, HoconValue, T> convert)
    {
        var value = Find(path);
        switch (value)
        {
            case null:
            case HoconScalar { IsNull: true }:
                return new List<T>();
            case HoconArray array:
                return array.Select(v => convert(path, v)).ToList();
            default:
                throw WrongType(path, value, "a list of " + what);
        }
    }
}
