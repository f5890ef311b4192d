using System.Diagnostics;

namespace ActorBot.Data.Heatmaps;

/// <summary>
/// An append-only file of fixed-size records kept to a bounded ring (SPEC §9.3, fixed per §15.5):
/// <list type="bullet">
/// <item>every append is fsynced before it returns (the old buffer only wrote into the page cache);</item>
/// <item>a torn tail (a partial record from a crash) is cut off when the file is opened, counted, so later appends stay
/// aligned;</item>
/// <item>compaction writes the kept records to a new file, fsyncs it, then renames it over the old one. A crash at any
/// point leaves either the old file or the new one, whole; a leftover temporary file is removed at the next open.
/// (The old buffer truncated and rewrote the file in place.)</item>
/// </list>
/// One writer per file; readers may use <see cref="RingFileReader"/> at the same time. Not thread-safe: its owner (one
/// actor per symbol) serialises calls.
/// </summary>
public sealed class RingRecordFile : IDisposable
{
    public const string CompactionSuffix = ".compact.tmp";

    private const int CopyChunk = 64 * 1024;

    private readonly Action<string>? _beforeCompactionRename;
    private FileStream _stream;
    private long _appendsSinceCompaction;
    private long _appendsTotal;
    private long _fsyncs;
    private long _compactions;
    private long _tornBytes;
    private long _staleRemoved;
    private double _lastAppendMs;
    private double _avgAppendMs;

    private RingRecordFile(string path, RingFileOptions options, Action<string>? beforeCompactionRename)
    {
        Path = path;
        Options = options;
        _beforeCompactionRename = beforeCompactionRename;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var stale = path + CompactionSuffix;
        if (File.Exists(stale))
        {
            // A compaction died before its rename: the old file is the whole truth, the half-built copy is not.
            File.Delete(stale);
            _staleRemoved++;
        }

        _stream = OpenStream(path);
        _tornBytes = _stream.Length % options.RecordSize;
        if (_tornBytes > 0)
        {
            _stream.SetLength(_stream.Length - _tornBytes);
            Fsync();
        }

        RecordCount = _stream.Length / options.RecordSize;
    }

    public string Path { get; }

    public RingFileOptions Options { get; }

    /// <summary>Whole records now in the file.</summary>
    public long RecordCount { get; private set; }

    public RingFileStats Stats => new(
        RecordCount,
        RecordCount * Options.RecordSize,
        _appendsTotal,
        _fsyncs,
        _compactions,
        _tornBytes,
        _staleRemoved,
        Math.Round(_lastAppendMs, 2),
        _avgAppendMs);

    /// <summary>Opens (or creates) the file, dropping a torn tail and any stale compaction file.</summary>
    /// <param name="beforeCompactionRename">
    /// Called with the fsynced temporary file's path just before the rename: the seam a test uses to stand for a crash
    /// between write and rename. Production passes null.
    /// </param>
    public static RingRecordFile Open(string path, RingFileOptions options, Action<string>? beforeCompactionRename = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new RingRecordFile(path, options, beforeCompactionRename);
    }

    /// <summary>Appends one record and fsyncs it; compacts when due.</summary>
    public void Append(ReadOnlySpan<byte> record)
    {
        if (record.Length != Options.RecordSize)
        {
            throw new ArgumentException($"A record of {Path} is {Options.RecordSize} bytes, got {record.Length}.", nameof(record));
        }

        var started = Stopwatch.GetTimestamp();
        _stream.Seek(0, SeekOrigin.End);
        _stream.Write(record);
        Fsync();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        _lastAppendMs = ms;
        _avgAppendMs = _appendsTotal == 0 ? ms : (0.9 * _avgAppendMs) + (0.1 * ms);
        _appendsTotal++;
        RecordCount++;
        _appendsSinceCompaction++;
        if (_appendsSinceCompaction >= Options.CompactEvery)
        {
            _appendsSinceCompaction = 0;
            if (RecordCount > Options.Capacity)
            {
                Compact();
            }
        }
    }

    /// <summary>
    /// Appends several records with ONE fsync before it returns (a writer that fell behind catches up without one
    /// fsync per record); compacts when due. Each record is counted as an append.
    /// </summary>
    public void AppendBatch(IReadOnlyList<byte[]> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        foreach (var record in records)
        {
            if (record.Length != Options.RecordSize)
            {
                throw new ArgumentException($"A record of {Path} is {Options.RecordSize} bytes, got {record.Length}.", nameof(records));
            }
        }

        var started = Stopwatch.GetTimestamp();
        _stream.Seek(0, SeekOrigin.End);
        foreach (var record in records)
        {
            _stream.Write(record);
        }

        Fsync();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        _lastAppendMs = ms;
        _avgAppendMs = _appendsTotal == 0 ? ms : (0.9 * _avgAppendMs) + (0.1 * ms);
        _appendsTotal += records.Count;
        RecordCount += records.Count;
        _appendsSinceCompaction += records.Count;
        if (_appendsSinceCompaction >= Options.CompactEvery)
        {
            _appendsSinceCompaction = 0;
            if (RecordCount > Options.Capacity)
            {
                Compact();
            }
        }
    }

    /// <summary>Keeps the last <see cref="RingFileOptions.Capacity"/> records: new file, fsync, rename over the old.</summary>
    public void Compact()
    {
        var keep = Math.Min(RecordCount, Options.Capacity);
        var temporary = Path + CompactionSuffix;
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            var buffer = new byte[CopyChunk];
            var offset = (RecordCount - keep) * Options.RecordSize;
            var remaining = keep * Options.RecordSize;
            while (remaining > 0)
            {
                var chunk = buffer.AsSpan(0, (int)Math.Min(remaining, buffer.Length));
                RingFileReader.ReadExactly(_stream.SafeFileHandle, chunk, offset);
                output.Write(chunk);
                offset += chunk.Length;
                remaining -= chunk.Length;
            }

            output.Flush(flushToDisk: true);
            _fsyncs++;
        }

        _beforeCompactionRename?.Invoke(temporary);
        File.Move(temporary, Path, overwrite: true);

        // The old handle still points at the replaced file; from here on appends go to the new one.
        var reopened = OpenStream(Path);
        _stream.Dispose();
        _stream = reopened;
        RecordCount = keep;
        _compactions++;
    }

    /// <summary>The last <paramref name="maxRecords"/> whole records, oldest first (the startup load).</summary>
    public RingFileContents ReadLast(int maxRecords) =>
        RingFileReader.ReadLast(_stream.SafeFileHandle, Options.RecordSize, maxRecords);

    public void Dispose() => _stream.Dispose();

    private static FileStream OpenStream(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, bufferSize: 0);

    private void Fsync()
    {
        _stream.Flush(flushToDisk: true);
        _fsyncs++;
    }
}
