namespace ActorBot.Persistence.Sql;

/// <summary>
/// Akka.Persistence.Sql's HOCON for our settings: both plugins on one database, the default table mapping
/// (<c>journal</c>, <c>tags</c>, <c>snapshot</c>) that <see cref="Schema.SchemaCreator"/> creates, and
/// <c>auto-initialize = off</c> because the schema is created once before the actor system starts — the plugin's
/// own initialisation would race between journal, snapshot store and other nodes.
/// </summary>
public static class SqlPersistenceHocon
{
    public const string JournalPluginId = "akka.persistence.journal.sql";
    public const string SnapshotPluginId = "akka.persistence.snapshot-store.sql";

    public static string For(SqlPersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = HoconText.Quote(options.ConnectionString);
        var provider = HoconText.Quote(options.Provider.ToPluginProviderName());
        return $$"""
            akka.persistence {
              journal {
                plugin = "{{JournalPluginId}}"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = off
                  table-mapping = default
                  tag-write-mode = TagTable
                  delete-compatibility-mode = off
                  batch-size = {{options.BatchSize}}
                  parallelism = {{options.Parallelism}}
                }
              }
              snapshot-store {
                plugin = "{{SnapshotPluginId}}"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = off
                  table-mapping = default
                }
              }
            }
            """;
    }
}
