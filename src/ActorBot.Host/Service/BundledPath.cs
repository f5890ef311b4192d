namespace ActorBot.Host.Service;

/// <summary>
/// Where a relative path from the configuration points: the working directory first (an operator's own files),
/// then the folder of the actorbot binary, which ships <c>configs/</c>, <c>models/</c> and <c>data/</c> so the
/// embedded defaults work from any directory.
/// </summary>
public static class BundledPath
{
    public static string? Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.IsPathRooted(path))
        {
            return File.Exists(path) ? path : null;
        }

        foreach (var root in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var candidate = Path.GetFullPath(Path.Combine(root, path));
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
