using System.IO.Compression;
using ActorBot.Domain.Tests.Liquidations;

namespace ActorBot.Domain.Tests.OrderBook.Binary;

/// <summary>A recorded moonstream .bin.gz from the test output (Data/moonstream, SOURCES.md), gunzipped in memory.</summary>
internal static class RecordedBinaryFile
{
    public static byte[] Bytes(string gzFile)
    {
        using var input = new GZipStream(File.OpenRead(RecordedMoonstream.PathOf(gzFile)), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
