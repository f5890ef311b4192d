using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorBot.Host.Service.Moonstream;

/// <summary>
/// The old server's response cache (SPEC §11.1): successful JSON bodies only, TTL per route measured from creation, at
/// most 500 entries (least recently used out first), and every 100 sets the entries older than 60 s dropped. Keys are
/// normalised: the short symbol, floats rounded to 2 dp, null values omitted, a key over 200 characters replaced by its MD5.
/// </summary>
public sealed class ResponseCache(TimeProvider clock, int maxEntries = 500)
{
    private static readonly TimeSpan PurgeAge = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, LinkedListNode<Entry>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new();
    private readonly Lock _gate = new();
    private long _sets;

    public long Hits { get; private set; }

    public long Misses { get; private set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _map.Count;
            }
        }
    }

    public static string Key(string route, params (string Name, object? Value)[] parts)
    {
        var sb = new StringBuilder(route);
        foreach (var (name, value) in parts.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var text = value switch
            {
                null => null,
                double d => Math.Round(d, 2).ToString("R", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (text is not null)
            {
                sb.Append('|').Append(name).Append('=').Append(text);
            }
        }

        var key = sb.ToString();
        return key.Length > 200 ? Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(key))) : key;
    }

    public bool TryGet(string key, TimeSpan ttl, out byte[] body)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                if (clock.GetUtcNow() - node.Value.Created < ttl)
                {
                    _lru.Remove(node);
                    _lru.AddFirst(node);
                    Hits++;
                    body = node.Value.Body;
                    return true;
                }

                _lru.Remove(node);
                _map.Remove(key);
            }

            Misses++;
            body = [];
            return false;
        }
    }

    public void Set(string key, byte[] body)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_map.Remove(key, out var old))
            {
                _lru.Remove(old);
            }

            _map[key] = _lru.AddFirst(new Entry(key, body, now));
            while (_map.Count > maxEntries)
            {
                var last = _lru.Last!;
                _lru.RemoveLast();
                _map.Remove(last.Value.Key);
            }

            if (++_sets % 100 == 0)
            {
                foreach (var node in _map.Values.Where(n => now - n.Value.Created > PurgeAge).ToList())
                {
                    _lru.Remove(node);
                    _map.Remove(node.Value.Key);
                }
            }
        }
    }

    private sealed record Entry(string Key, byte[] Body, DateTimeOffset Created);
}
