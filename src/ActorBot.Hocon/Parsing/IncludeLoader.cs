namespace ActorBot.Hocon.Parsing;

/// <summary>
/// Resolves include statements against the file system. Names are relative to the including
/// file's directory (or <see cref="HoconLoadOptions.BaseDirectory"/> for text parsed from a string).
/// A name without a known extension includes name.properties, name.json and name.conf, later ones
/// overriding earlier ones. Missing files are skipped unless the include is <c>required(...)</c>.
/// There is no JVM classpath here, so <c>classpath(...)</c> is looked up like <c>file(...)</c>.
/// </summary>
internal static class IncludeLoader
{
    public const long MaxFileBytes = 64L * 1024 * 1024;

    private static readonly string[] KnownExtensions = [".conf", ".json", ".properties"];

    public static void Include(
        IncludeSpec spec,
        string includingFile,
        string? includingDirectory,
        IncludeContext context,
        AstObject target,
        IReadOnlyList<string>? targetPath,
        bool connected)
    {
        if (!context.Options.AllowIncludes)
        {
            throw new HoconException($"include \"{spec.Name}\" is not allowed here: includes are disabled for this source", spec.Position, "no include statements");
        }

        if (spec.Kind == IncludeKind.Url)
        {
            throw new HoconException($"url includes are not supported (\"{spec.Name}\")", spec.Position, "include file(\"...\") or include \"...\"");
        }

        if (spec.Name.Length == 0)
        {
            throw new HoconException("include of an empty file name", spec.Position, "a file name");
        }

        var baseDirectory = includingDirectory ?? context.Options.BaseDirectory ?? Directory.GetCurrentDirectory();
        string fullName;
        try
        {
            fullName = Path.GetFullPath(Path.Combine(baseDirectory, spec.Name));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new HoconException($"invalid include file name \"{spec.Name}\": {ex.Message}", spec.Position, "a valid file name", ex);
        }

        var candidates = CandidateFiles(fullName);
        var found = candidates.Where(File.Exists).ToList();
        if (found.Count == 0)
        {
            if (spec.Required)
            {
                throw new HoconException(
                    $"required include \"{spec.Name}\" not found (looked for {string.Join(", ", candidates)})",
                    spec.Position,
                    "an existing file");
            }

            return;
        }

        foreach (var file in found)
        {
            IncludeFile(file, spec.Position, context, target, targetPath, connected);
        }
    }

    /// <summary>Parses one file into <paramref name="target"/> (used for includes and for the top-level file).</summary>
    public static void IncludeFile(string fullPath, SourcePosition from, IncludeContext context, AstObject target, IReadOnlyList<string>? targetPath, bool connected)
    {
        if (context.Chain.Contains(fullPath, StringComparer.Ordinal))
        {
            throw new HoconException(
                $"include cycle: {string.Join(" -> ", context.Chain.Append(fullPath))}",
                from,
                "includes that do not include each other");
        }

        if (context.Chain.Count >= IncludeContext.MaxIncludeDepth)
        {
            throw new HoconException($"includes nested deeper than {IncludeContext.MaxIncludeDepth} files", from, "fewer nested includes");
        }

        string text;
        try
        {
            // Devices, FIFOs and /proc entries report length 0 and may block or never end when read
            // (include "/dev/stdin"); an empty regular file is an empty document anyway.
            var length = new FileInfo(fullPath).Length;
            if (length > MaxFileBytes)
            {
                throw new HoconException($"\"{fullPath}\" is {length} bytes, more than the {MaxFileBytes} allowed for a configuration file", from, "a smaller file");
            }

            text = length == 0 ? string.Empty : File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new HoconException($"cannot read \"{fullPath}\": {ex.Message}", from, "a readable file", ex);
        }

        context.Chain.Add(fullPath);
        try
        {
            var directory = Path.GetDirectoryName(fullPath);
            if (fullPath.EndsWith(".properties", StringComparison.OrdinalIgnoreCase))
            {
                PropertiesParser.ParseInto(text, fullPath, target, targetPath, connected);
            }
            else
            {
                HoconParser.ParseDocument(text, fullPath, directory, context, target, targetPath, connected);
            }
        }
        finally
        {
            context.Chain.RemoveAt(context.Chain.Count - 1);
        }
    }

    private static List<string> CandidateFiles(string fullName)
    {
        var extension = Path.GetExtension(fullName);
        if (KnownExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase) || File.Exists(fullName))
        {
            return [fullName];
        }

        // Lowest priority first: later files override earlier ones.
        return [fullName + ".properties", fullName + ".json", fullName + ".conf"];
    }
}
