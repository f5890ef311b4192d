using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;
using Akka.Configuration;
using Akka.Persistence.Journal;
using Akka.Persistence.Snapshot;

namespace Akka.Persistence;

/// <summary>
/// The journals and snapshot stores of one actor system, selected by HOCON as in Akka.NET:
/// <c>akka.persistence.journal.plugin</c> / <c>akka.persistence.snapshot-store.plugin</c> name a config path whose
/// <c>class</c> is the plugin type (constructed with <c>(Config pluginConfig, ActorSystem system)</c> or
/// <c>(Config pluginConfig)</c>). Without configuration the in-memory plugins are used. One instance per plugin id
/// is shared by every persistent actor of the system, so a SQL journal batches writes across actors; plugins that
/// are <see cref="IAsyncDisposable"/> are disposed when the system terminates.
/// </summary>
internal sealed class PersistencePlugins
{
    public const string InMemoryJournalId = "akka.persistence.journal.inmem";
    public const string InMemorySnapshotStoreId = "akka.persistence.snapshot-store.inmem";

    private readonly ActorSystem _system;
    private readonly Config _config;
    private readonly ConcurrentDictionary<string, Lazy<IEventJournal>> _journals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ISnapshotStorage>> _snapshotStores = new(StringComparer.Ordinal);

    private PersistencePlugins(ActorSystem system, Config config)
    {
        _system = system;
        _config = config;
        RecoveryEventTimeout = config.GetTimeSpan("akka.persistence.journal-plugin-fallback.recovery-event-timeout", TimeSpan.FromSeconds(30), allowInfinite: false);
        system.RegisterOnTermination(DisposeAll);
    }

    /// <summary>How long recovery may wait for the snapshot store or the journal before it fails.</summary>
    public TimeSpan RecoveryEventTimeout { get; }

    public static PersistencePlugins For(ActorSystem system)
    {
        var impl = (ActorSystemImpl)system;
        var lazy = (Lazy<PersistencePlugins>)impl.Extensions.GetOrAdd(
            typeof(PersistencePlugins),
            _ => new Lazy<PersistencePlugins>(() => new PersistencePlugins(system, impl.KernelSettings.Config)));
        return lazy.Value;
    }

    public IEventJournal Journal(string? pluginId)
    {
        var id = string.IsNullOrEmpty(pluginId) ? _config.GetString("akka.persistence.journal.plugin", InMemoryJournalId) : pluginId;
        return _journals.GetOrAdd(id, key => new Lazy<IEventJournal>(() => Create<IEventJournal>(key, InMemoryJournalId, () => new MemoryJournal()))).Value;
    }

    public ISnapshotStorage SnapshotStore(string? pluginId)
    {
        var id = string.IsNullOrEmpty(pluginId) ? _config.GetString("akka.persistence.snapshot-store.plugin", InMemorySnapshotStoreId) : pluginId;
        return _snapshotStores.GetOrAdd(id, key => new Lazy<ISnapshotStorage>(() => Create<ISnapshotStorage>(key, InMemorySnapshotStoreId, () => new MemorySnapshotStore()))).Value;
    }

    private T Create<T>(string pluginId, string inMemoryId, Func<T> inMemory)
        where T : class
    {
        var pluginConfig = _config.GetConfig(pluginId);
        var className = pluginConfig.GetString("class", string.Empty);
        if (string.IsNullOrEmpty(className))
        {
            return pluginId == inMemoryId
                ? inMemory()
                : throw new ConfigurationException($"Persistence plugin '{pluginId}' has no 'class' setting; set {pluginId}.class to the plugin type.");
        }

        if (className.StartsWith("Akka.Persistence.Journal.MemoryJournal", StringComparison.Ordinal)
            || className.StartsWith("Akka.Persistence.Snapshot.MemorySnapshotStore", StringComparison.Ordinal))
        {
            return inMemory();
        }

        var type = Type.GetType(className, throwOnError: false)
            ?? throw new ConfigurationException($"Persistence plugin '{pluginId}': class '{className}' was not found.");
        if (!typeof(T).IsAssignableFrom(type))
        {
            throw new ConfigurationException($"Persistence plugin '{pluginId}': class '{className}' is not a {(typeof(T) == typeof(IEventJournal) ? "journal" : "snapshot store")} plugin.");
        }

        try
        {
            var withSystem = type.GetConstructor([typeof(Config), typeof(ActorSystem)]);
            var instance = withSystem is not null
                ? withSystem.Invoke([pluginConfig, _system])
                : Activator.CreateInstance(type, pluginConfig);
            return (T)instance!;
        }
        catch (System.Reflection.TargetInvocationException invocation) when (invocation.InnerException is not null)
        {
            throw new ConfigurationException($"Persistence plugin '{pluginId}' could not start: {invocation.InnerException.Message}", invocation.InnerException);
        }
    }

    private void DisposeAll()
    {
        var plugins = _journals.Values.Where(l => l.IsValueCreated).Select(l => (object)l.Value)
            .Concat(_snapshotStores.Values.Where(l => l.IsValueCreated).Select(l => (object)l.Value));
        foreach (var plugin in plugins.OfType<IAsyncDisposable>())
        {
            try
            {
                // Bounded: pending writes drain, but a dead database must not hang termination.
                plugin.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
            }
            catch (Exception exception)
            {
                _system.Log.Warning(exception, "Persistence plugin did not shut down cleanly.");
            }
        }
    }
}
