using System.IO.Compression;
using System.Text;

namespace ActorBot.Venues.Binance.Recordings;

/// <summary>
/// Reads raw Binance recordings line by line, gzip or plain (detected by magic bytes, not by name):
/// <list type="bullet">
/// <item>hftbacktest: <c>&lt;local ts&gt; &lt;json&gt;</c>, including the REST snapshot line <c>{"lastUpdateId":…}</c>;</item>
/// <item>cryptofeed ws: <c>&lt;unix time&gt;: &lt;json&gt;</c> and its connect line <c>wss://… &lt;-&gt; &lt;time&gt;</c>;</item>
/// <item>cryptofeed http: <c>&lt;url&gt; -&gt; &lt;unix time&gt;: &lt;json&gt;</c>.</item>
/// </list>
/// Opening errors surface as <see cref="IOException"/>/<see cref="InvalidDataException"/> to the caller; a
/// line that matches no format is returned as <see cref="RecordedLineKind.Unrecognized"/>.
/// </summary>
public static class RecordingReader
{
    public static IEnumerable<RecordedLine> Read(string path)
    {
        using var stream = Open(path);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        long number = 0;
        while (text.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            yield return Parse(path, number, line);
        }
    }

    /// <summary>Opens the file, transparently gunzipping when it starts with the gzip magic bytes.</summary>
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            var read = file.Read(magic);
            file.Position = 0;
            if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            {
                return new GZipStream(file, CompressionMode.Decompress);
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public static RecordedLine Parse(string file, long number, string line)
    {
        var jsonStart = line.IndexOfAny(['{', '[']);
        if (line.StartsWith("http", StringComparison.Ordinal))
        {
            var arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
            var colon = arrow < 0 ? -1 : line.IndexOf(": ", arrow, StringComparison.Ordinal);
            if (arrow > 0 && colon > arrow && jsonStart > colon)
            {
                return new RecordedLine(file, number, RecordedLineKind.RestResponse, line[(arrow + 4)..colon], line[..arrow], Utf8(line, jsonStart));
            }

            return Unrecognized(file, number, line);
        }

        if (line.StartsWith("ws", StringComparison.Ordinal) && line.Contains(" <-> ", StringComparison.Ordinal))
        {
            return new RecordedLine(file, number, RecordedLineKind.Header, string.Empty, line[..line.IndexOf(' ')], ReadOnlyMemory<byte>.Empty);
        }

        if (jsonStart <= 0)
        {
            return Unrecognized(file, number, line);
        }

        // Prefix is "<ts> " (hftbacktest) or "<ts>: " (cryptofeed); the timestamp is digits with an optional fraction.
        var prefix = line.AsSpan(0, jsonStart).TrimEnd();
        if (prefix.EndsWith(":"))
        {
            prefix = prefix[..^1];
        }

        foreach (var c in prefix)
        {
            if (!char.IsAsciiDigit(c) && c != '.')
            {
                return Unrecognized(file, number, line);
            }
        }

        return new RecordedLine(file, number, RecordedLineKind.Frame, prefix.ToString(), null, Utf8(line, jsonStart));
    }

    private static RecordedLine Unrecognized(string file, long number, string line) =>
        new(file, number, RecordedLineKind.Unrecognized, string.Empty, null, Encoding.UTF8.GetBytes(line));

    private static ReadOnlyMemory<byte> Utf8(string line, int start) => Encoding.UTF8.GetBytes(line, start, line.Length - start);
}
