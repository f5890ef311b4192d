using System.Text.Json;

namespace ActorBot.Data.Heatmaps;

/// <summary>
/// One symbol's statistics file (e.g. the book reconstructor's, §9.1), replaced atomically on every write. One
/// instance per symbol and kind, so two symbols can never overwrite each other's figures (SPEC §13 #16).
/// </summary>
public sealed class SymbolStatsFile
{
    public SymbolStatsFile(string directory, string kind, string symbol)
    {
        Symbol = symbol;
        Path = HeatmapFiles.Stats(directory, kind, symbol);
    }

    public string Symbol { get; }

    public string Path { get; }

    public void Write<T>(T stats, JsonSerializerOptions? options = null) =>
        AtomicFile.WriteAllBytes(Path, JsonSerializer.SerializeToUtf8Bytes(stats, options));

    /// <summary>The file's bytes, or null when it was never written.</summary>
    public byte[]? TryRead() => File.Exists(Path) ? File.ReadAllBytes(Path) : null;
}
