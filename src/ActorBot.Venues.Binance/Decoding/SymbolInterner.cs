using System.Text;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>
/// Turns symbol bytes into a cached <see cref="string"/> so decoding a frame for a known symbol
/// allocates nothing. Bounded: after <see cref="MaxEntries"/> distinct values it stops caching
/// (garbage input must not grow memory without limit). Not thread-safe: one per decoder.
/// </summary>
public sealed class SymbolInterner
{
    public const int MaxEntries = 4096;

    private readonly Dictionary<int, List<(byte[] Key, string Value)>> _buckets = new();
    private int _count;

    public string Intern(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        if (_buckets.TryGetValue(hash, out var bucket))
        {
            foreach (var (key, value) in bucket)
            {
                if (utf8.SequenceEqual(key))
                {
                    return value;
                }
            }
        }

        var text = Encoding.UTF8.GetString(utf8);
        if (_count >= MaxEntries)
        {
            return text;
        }

        if (bucket is null)
        {
            bucket = new List<(byte[] Key, string Value)>(1);
            _buckets[hash] = bucket;
        }

        bucket.Add((utf8.ToArray(), text));
        _count++;
        return text;
    }

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var h = 2166136261u;
        foreach (var b in bytes)
        {
            h = (h ^ b) * 16777619u;
        }

        return (int)h;
    }
}
