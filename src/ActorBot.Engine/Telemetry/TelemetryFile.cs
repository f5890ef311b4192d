using System.Globalization;
using System.Text;

namespace ActorBot.Engine.Telemetry;

/// <summary>
/// The telemetry file on disk: appends batches of lines and starts a new file when the next batch would take the
/// current one past <c>max-file-size</c>. The full file is renamed to the next free <c>{name}.{n}{ext}</c>
/// (<c>telemetry.1.jsonl</c>, <c>telemetry.2.jsonl</c>, … in the order they were written), so the live file keeps
/// its name. A non-empty file found at open is moved aside the same way: each run starts its own file. Rotated files
/// are kept. IO errors propagate to the caller, which counts them.
/// </summary>
public sealed class TelemetryFile : IDisposable
{
    private readonly string _path;
    private readonly long _maxSize;
    private FileStream? _stream;
    private bool _opened;

    public TelemetryFile(string path, long maxSize)
    {
        _path = path;
        _maxSize = maxSize;
    }

    public int Rotations { get; private set; }

    /// <summary>Appends <paramref name="lines"/> (each gets a <c>\n</c>) and flushes them to the OS.</summary>
    public void Append(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var stream = _stream ??= Open(rotateExisting: !_opened);
        if (stream.Length > 0 && stream.Length + bytes.Length > _maxSize)
        {
            stream.Dispose();
            _stream = null;
            Rotate();
            stream = _stream = Open(rotateExisting: false);
        }

        stream.Write(bytes);
        stream.Flush();
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }

    private FileStream Open(bool rotateExisting)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        if (rotateExisting && File.Exists(_path) && new FileInfo(_path).Length > 0)
        {
            MoveAside();
        }

        _opened = true;
        return new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    private void Rotate()
    {
        MoveAside();
        Rotations++;
    }

    private void MoveAside()
    {
        var dir = Path.GetDirectoryName(_path)!;
        var stem = Path.GetFileNameWithoutExtension(_path);
        var ext = Path.GetExtension(_path);
        var next = 1 + Directory.EnumerateFiles(dir, $"{stem}.*{ext}")
            .Select(f => Path.GetFileNameWithoutExtension(f)[(stem.Length + 1)..])
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0)
            .DefaultIfEmpty(0)
            .Max();
        File.Move(_path, Path.Combine(dir, $"{stem}.{next.ToString(CultureInfo.InvariantCulture)}{ext}"));
    }
}
