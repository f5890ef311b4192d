using System.Collections.Concurrent;

namespace ActorBot.Engine.Configuration;

/// <summary>
/// The keys read through <see cref="ConfigValues"/> while a log is open on the current async flow. It exists for the
/// test that every documented key of <c>hocon/actorbot.conf</c> is read by the service: a key nobody reads is a
/// setting an operator changes with no effect. Off (no log open) it costs one <see cref="AsyncLocal{T}"/> read per key.
/// </summary>
public sealed class ConfigReadLog : IDisposable
{
    private static readonly AsyncLocal<ConfigReadLog?> Open = new();

    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);
    private readonly ConfigReadLog? _outer;

    private ConfigReadLog(ConfigReadLog? outer) => _outer = outer;

    /// <summary>Full paths of the keys read since <see cref="Start"/>.</summary>
    public IReadOnlyCollection<string> Keys => _keys.Keys.ToList();

    /// <summary>Records every key read on this async flow (and flows it starts) until disposed.</summary>
    public static ConfigReadLog Start()
    {
        var log = new ConfigReadLog(Open.Value);
        Open.Value = log;
        return log;
    }

    public void Dispose() => Open.Value = _outer;

    internal static void Record(string key)
    {
        for (var log = Open.Value; log is not null; log = log._outer)
        {
            log._keys.TryAdd(key, 0);
        }
    }
}
