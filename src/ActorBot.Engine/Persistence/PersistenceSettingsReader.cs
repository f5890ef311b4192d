using ActorBot.Engine.Configuration;
using ActorBot.Persistence.Sql;
using Akka.Configuration;

namespace ActorBot.Engine.Persistence;

/// <summary>
/// Reads <c>actorbot.persistence</c> (<c>provider-name</c>, <c>connection-string</c>, <c>state-directory</c>,
/// <c>batch-size</c>) through <see cref="ConfigValues"/>, so a bad value names its key like every other setting.
/// </summary>
public static class PersistenceSettingsReader
{
    private const string Section = "actorbot.persistence";

    public static SqlPersistenceOptions FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var provider = config.Text($"{Section}.provider-name", "sqlite") ?? "sqlite";
        var connectionString = config.Text($"{Section}.connection-string", string.Empty);
        // Empty means the service's state directory, looked up here rather than by a HOCON substitution: each
        // config layer resolves on its own, so a default of ${actorbot.state-dir} would ignore an operator's.
        var directory = config.Text($"{Section}.state-directory", string.Empty);
        if (string.IsNullOrWhiteSpace(directory))
        {
            directory = config.Text("actorbot.state-dir", "state") ?? "state";
        }

        return SqlPersistenceOptions.For(provider, connectionString, directory, config.Int($"{Section}.batch-size", 100));
    }
}
