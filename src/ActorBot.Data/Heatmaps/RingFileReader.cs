namespace ActorBot.Data.Heatmaps;

/// <summary>
/// Reads the last whole records of a ring file without disturbing a writer (shared read/write/delete), ignoring and
/// counting a torn last record. A missing file is an empty ring, not an error.
/// </summary>
public static class RingFileReader
{
    public static RingFileContents ReadLast(string path, int recordSize, int maxRecords = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recordSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRecords);
        if (!File.Exists(path))
        {
            return RingFileContents.Empty;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return ReadLast(handle, recordSize, maxRecords);
    }

    internal static RingFileContents ReadLast(Microsoft.Win32.SafeHandles.SafeFileHandle handle, int recordSize, int maxRecords)
    {
        var length = RandomAccess.GetLength(handle);
        var total = length / recordSize;
        var torn = length % recordSize;
        var take = (int)Math.Min(total, maxRecords);
        var records = new byte[take][];
        var offset = (total - take) * recordSize;
        for (var i = 0; i < take; i++, offset += recordSize)
        {
            var record = new byte[recordSize];
            ReadExactly(handle, record, offset);
            records[i] = record;
        }

        return new RingFileContents(records, total, torn);
    }

    internal static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0)
            {
                throw new EndOfStreamException($"Ring file ended at byte {offset} while {buffer.Length} more were expected.");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }
}
