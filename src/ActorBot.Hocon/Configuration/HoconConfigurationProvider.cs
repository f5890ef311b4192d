using ActorBot.Hocon.Values;
using Microsoft.Extensions.Configuration;

namespace ActorBot.Hocon.Configuration;

/// <summary>
/// Loads a HOCON file (includes relative to it, substitutions resolved) and flattens it into
/// configuration keys the way the JSON provider does: nested keys joined with ':', array elements
/// keyed by index, scalars as their text. Later sources (environment variables, command line)
/// still override it as usual.
/// </summary>
public sealed class HoconConfigurationProvider : FileConfigurationProvider
{
    public HoconConfigurationProvider(HoconConfigurationSource source)
        : base(source)
    {
    }

    public override void Load(Stream stream)
    {
        var source = (HoconConfigurationSource)Source;
        var physicalPath = source.Path is null ? null : source.FileProvider?.GetFileInfo(source.Path).PhysicalPath;
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var options = new HoconLoadOptions
        {
            EnvironmentLookup = source.EnvironmentLookup ?? Environment.GetEnvironmentVariable,
            BaseDirectory = physicalPath is null ? null : System.IO.Path.GetDirectoryName(physicalPath),
        };
        var root = HoconLoader.Parse(text, physicalPath ?? source.Path ?? "hocon", options);
        Data = Flatten(root);
    }

    /// <summary>Flattens a resolved tree into configuration keys (exposed for the CLI and tests).</summary>
    public static Dictionary<string, string?> Flatten(HoconObject root)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root)
        {
            Add(data, key, value);
        }

        return data;
    }

    private static void Add(Dictionary<string, string?> data, string prefix, HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj when obj.Count > 0:
                foreach (var (key, child) in obj)
                {
                    Add(data, prefix + ConfigurationPath.KeyDelimiter + key, child);
                }

                break;
            case HoconArray array when array.Count > 0:
                for (var i = 0; i < array.Count; i++)
                {
                    Add(data, prefix + ConfigurationPath.KeyDelimiter + i.ToString(System.Globalization.CultureInfo.InvariantCulture), array[i]);
                }

                break;
            case HoconScalar { IsNull: false } scalar:
                data[prefix] = scalar.Text;
                break;
            default:
                // Empty objects/arrays and null: the key exists without a value (as in the JSON provider).
                data[prefix] = null;
                break;
        }
    }
}
