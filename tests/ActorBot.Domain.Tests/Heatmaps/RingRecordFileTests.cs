using System.Buffers.Binary;
using ActorBot.Data.Heatmaps;
using ActorBot.Domain.OrderBook.Binary;
using ActorBot.Domain.Tests.OrderBook.Binary;

namespace ActorBot.Domain.Tests.Heatmaps;

/// <summary>The ring file on a real file system (a fresh temp folder per test): fsync, torn tails, atomic compaction.</summary>
public sealed class RingRecordFileTests : IDisposable
{
    private const int Size = 64;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("actorbot-ring-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Every_append_is_fsynced_and_readable_by_a_concurrent_reader()
    {
        var path = Path.Combine(_dir.FullName, "ring.bin");
        using var ring = RingRecordFile.Open(path, new RingFileOptions(Size, capacity: 100));
        var fsyncsAtOpen = ring.Stats.Fsyncs;

        for (var i = 0; i < 5; i++)
        {
            ring.Append(Record(i));
        }

        ring.Stats.Fsyncs.Should().Be(fsyncsAtOpen + 5, "each append flushes to disk before it returns");
        ring.Stats.AppendsTotal.Should().Be(5);
        ring.Stats.LastAppendDurationMs.Should().BeGreaterThanOrEqualTo(0);
        new FileInfo(path).Length.Should().Be(5 * Size);
        var read = RingFileReader.ReadLast(path, Size);
        read.Records.Select(Id).Should().Equal(0, 1, 2, 3, 4);
        read.HasTornRecord.Should().BeFalse();
        RingFileReader.ReadLast(path, Size, maxRecords: 2).Records.Select(Id).Should().Equal(3, 4);
    }

    [Fact]
    public void A_torn_last_record_is_ignored_and_counted_by_the_reader_and_cut_off_by_the_writer()
    {
        var path = Path.Combine(_dir.FullName, "torn.bin");
        using (var raw = File.Create(path))
        {
            raw.Write(Record(0));
            raw.Write(Record(1));
            raw.Write(Record(2).AsSpan(0, 23)); // a write cut short by a crash
        }

        var read = RingFileReader.ReadLast(path, Size);
        read.Records.Select(Id).Should().Equal(0, 1);
        (read.TotalRecords, read.TornBytes, read.HasTornRecord).Should().Be((2L, 23L, true));

        using var ring = RingRecordFile.Open(path, new RingFileOptions(Size, capacity: 100));
        ring.Stats.TornBytesTruncatedAtOpen.Should().Be(23);
        ring.RecordCount.Should().Be(2);
        ring.Append(Record(3));
        RingFileReader.ReadLast(path, Size).Records.Select(Id).Should().Equal([0, 1, 3], "appends after the cut stay aligned");
    }

    [Fact]
    public void The_ring_is_bounded_and_keeps_the_newest_records()
    {
        var path = Path.Combine(_dir.FullName, "bounded.bin");
        using var ring = RingRecordFile.Open(path, new RingFileOptions(Size, capacity: 5, compactEvery: 3));

        for (var i = 0; i < 40; i++)
        {
            ring.Append(Record(i));
            ring.RecordCount.Should().BeLessThanOrEqualTo(5 + 3 - 1);
            new FileInfo(path).Length.Should().Be(ring.RecordCount * Size);
        }

        ring.Stats.Compactions.Should().BeGreaterThan(0);
        ring.ReadLast(int.MaxValue).Records.Select(Id).Should().EndWith([35, 36, 37, 38, 39]);
        ring.Compact();
        RingFileReader.ReadLast(path, Size).Records.Select(Id).Should().Equal(35, 36, 37, 38, 39);
        File.Exists(path + RingRecordFile.CompactionSuffix).Should().BeFalse();
    }

    [Fact]
    public void A_crash_between_writing_the_compacted_file_and_the_rename_leaves_the_old_file_intact()
    {
        var path = Path.Combine(_dir.FullName, "crash.bin");
        var options = new RingFileOptions(Size, capacity: 3, compactEvery: 1000);
        string? seen = null;
        using (var ring = RingRecordFile.Open(path, options, beforeCompactionRename: tmp =>
        {
            seen = tmp;
            File.ReadAllBytes(tmp).Length.Should().Be(3 * Size, "the new file is complete and fsynced before the rename");
            throw new IOException("simulated crash before rename");
        }))
        {
            for (var i = 0; i < 8; i++)
            {
                ring.Append(Record(i));
            }

            var before = File.ReadAllBytes(path);
            FluentActions.Invoking(ring.Compact).Should().Throw<IOException>();
            File.ReadAllBytes(path).Should().Equal(before, "nothing touched the old file");
        }

        File.Exists(seen).Should().BeTrue("a crash leaves the temporary file behind");
        using var reopened = RingRecordFile.Open(path, options);
        reopened.Stats.StaleCompactionFilesRemoved.Should().Be(1);
        File.Exists(seen).Should().BeFalse();
        reopened.ReadLast(int.MaxValue).Records.Select(Id).Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
        reopened.Compact();
        reopened.ReadLast(int.MaxValue).Records.Select(Id).Should().Equal(5, 6, 7);
    }

    [Fact]
    public void A_recorded_order_book_file_reads_record_for_record_and_a_torn_tail_is_ignored()
    {
        var path = HeatmapFiles.OrderBookFrames(_dir.FullName, "BTC");
        var recorded = RecordedBinaryFile.Bytes("ob_heatmap_30s.bin.gz");
        using (var file = File.Create(path))
        {
            file.Write(recorded);
            file.Write(recorded.AsSpan(0, 1000));
        }

        var read = RingFileReader.ReadLast(path, ObHeatmapRecordCodec.RecordSize, RingFileOptions.OrderBookCapacity);
        (read.TotalRecords, read.TornBytes).Should().Be((223L, 1000L));
        read.Records.Should().HaveCount(223);
        ObHeatmapRecordCodec.Decode(read.Records[^1]).Value!.Ts.Should().Be(1772614890.0);

        using var ring = RingRecordFile.Open(path, new RingFileOptions());
        ring.RecordCount.Should().Be(223);
        File.ReadAllBytes(path).Should().Equal(recorded, "the writer cut the torn tail and kept every whole record");
    }

    [Fact]
    public void Appending_a_record_of_the_wrong_size_is_refused_and_writes_nothing()
    {
        var path = Path.Combine(_dir.FullName, "size.bin");
        using var ring = RingRecordFile.Open(path, new RingFileOptions(Size));
        FluentActions.Invoking(() => ring.Append(new byte[Size - 1])).Should().Throw<ArgumentException>();
        new FileInfo(path).Length.Should().Be(0);
    }

    [Fact]
    public void A_missing_file_reads_as_an_empty_ring() =>
        RingFileReader.ReadLast(Path.Combine(_dir.FullName, "absent.bin"), Size).Should().Be(RingFileContents.Empty);

    private static byte[] Record(int id)
    {
        var bytes = new byte[Size];
        bytes.AsSpan().Fill((byte)(id + 1));
        BinaryPrimitives.WriteInt32LittleEndian(bytes, id);
        return bytes;
    }

    private static int Id(byte[] record) => BinaryPrimitives.ReadInt32LittleEndian(record);
}
