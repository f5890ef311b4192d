using ActorBot.Hocon.Parsing;
using ActorBot.Hocon.Resolution;
using ActorBot.Hocon.Values;

namespace ActorBot.Hocon;

/// <summary>
/// Entry point: parses HOCON text or files and resolves them into an immutable
/// <see cref="HoconObject"/>. Any problem in the input is reported as a <see cref="HoconException"/>
/// naming file, line and column; nothing else is thrown for bad input.
/// </summary>
public static class HoconLoader
{
    /// <summary>Parses and resolves HOCON text. <paramref name="sourceName"/> appears in error messages.</summary>
    public static HoconObject Parse(string text, string sourceName = "string", HoconLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= HoconLoadOptions.Default;
        var root = new AstObject(new SourcePosition(sourceName, 1, 1));
        var context = new IncludeContext(options);
        HoconParser.ParseDocument(text, sourceName, options.BaseDirectory, context, root, Array.Empty<string>(), connected: true);
        return new HoconResolver(root, options.EnvironmentLookup).ResolveRoot();
    }

    /// <summary>Loads a .conf, .json or .properties file; includes are relative to its directory.</summary>
    public static HoconObject LoadFile(string path, HoconLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= HoconLoadOptions.Default;
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new HoconException($"invalid file name \"{path}\": {ex.Message}", new SourcePosition(path, 0, 0), "a valid file name", ex);
        }

        if (!File.Exists(fullPath))
        {
            throw new HoconException($"configuration file \"{path}\" does not exist", new SourcePosition(path, 0, 0), "an existing file");
        }

        var root = new AstObject(new SourcePosition(fullPath, 1, 1));
        var context = new IncludeContext(options);
        IncludeLoader.IncludeFile(fullPath, new SourcePosition(path, 0, 0), context, root, Array.Empty<string>(), connected: true);
        return new HoconResolver(root, options.EnvironmentLookup).ResolveRoot();
    }
}
