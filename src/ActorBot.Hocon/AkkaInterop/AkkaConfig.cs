using ActorBot.Hocon.Values;
using Akka.Configuration;
using AkkaHocon = Akka.Configuration.Hocon;

namespace ActorBot.Hocon.AkkaInterop;

/// <summary>
/// Hands Akka.NET a configuration built from our resolved tree. Akka's own HOCON parser hangs and grows
/// memory without bound on some malformed input (e.g. an unclosed array), so operator text is only ever
/// parsed by <see cref="HoconLoader"/>; Akka receives the finished object model, with nothing left for it
/// to parse or resolve. Scalars keep their written text, which Akka's getters parse on access (durations,
/// sizes, numbers), exactly as they would after Akka's own parser.
/// </summary>
public static class AkkaConfig
{
    /// <summary>The resolved tree as an Akka <see cref="Config"/>.</summary>
    public static Config FromHocon(HoconObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var value = new AkkaHocon.HoconValue();
        value.AppendValue(ToAkkaObject(root));
        return new Config(new AkkaHocon.HoconRoot(value));
    }

    /// <summary>
    /// Parses HOCON text with our parser and returns it as an Akka <see cref="Config"/>. Bad input is a
    /// <see cref="ConfigurationException"/> (Akka's type, as Akka's factory would throw) whose message
    /// carries the source position and whose inner exception is the <see cref="HoconException"/>.
    /// </summary>
    public static Config ParseString(string text, string sourceName = "string", HoconLoadOptions? options = null)
    {
        try
        {
            return FromHocon(HoconLoader.Parse(text, sourceName, options));
        }
        catch (HoconException ex)
        {
            throw new ConfigurationException($"Invalid configuration in {sourceName}: {ex.Message}", ex);
        }
    }

    /// <summary>Loads a HOCON file (includes relative to it) as an Akka <see cref="Config"/>.</summary>
    public static Config LoadFile(string path, HoconLoadOptions? options = null)
    {
        try
        {
            return FromHocon(HoconLoader.LoadFile(path, options));
        }
        catch (HoconException ex)
        {
            throw new ConfigurationException($"Invalid configuration in {path}: {ex.Message}", ex);
        }
    }

    private static AkkaHocon.HoconObject ToAkkaObject(HoconObject source)
    {
        var target = new AkkaHocon.HoconObject();
        foreach (var (key, child) in source)
        {
            var slot = target.GetOrCreateKey(key);
            slot.AppendValue(ToAkkaElement(child));
        }

        return target;
    }

    private static AkkaHocon.IHoconElement ToAkkaElement(HoconValue value) => value switch
    {
        HoconObject obj => ToAkkaObject(obj),
        HoconArray array => ToAkkaArray(array),
        // Akka represents null as the literal text "null" (its getters answer null for it).
        HoconScalar { IsNull: true } => new AkkaHocon.HoconLiteral { Value = "null" },
        HoconScalar scalar => new AkkaHocon.HoconLiteral { Value = scalar.Text },
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Type, "unknown HOCON value type"),
    };

    private static AkkaHocon.HoconArray ToAkkaArray(HoconArray source)
    {
        var target = new AkkaHocon.HoconArray();
        foreach (var item in source)
        {
            var element = new AkkaHocon.HoconValue();
            element.AppendValue(ToAkkaElement(item));
            target.Add(element);
        }

        return target;
    }
}
