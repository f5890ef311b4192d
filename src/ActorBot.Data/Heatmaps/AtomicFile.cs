namespace ActorBot.Data.Heatmaps;

/// <summary>
/// Whole-file replacement that a crash cannot tear: write a temporary file beside the target, fsync it, rename it over
/// the target. The old stats file was rewritten in place (SPEC §9.1).
/// </summary>
public static class AtomicFile
{
    public const string TemporarySuffix = ".tmp";

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + TemporarySuffix;
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            output.Write(bytes);
            output.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
