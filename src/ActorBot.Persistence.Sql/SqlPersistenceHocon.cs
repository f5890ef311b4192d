namespace ActorBot.Persistence.Sql;

/// <summary>
/// The HOCON that selects the SQL journal and snapshot store, with the keys Akka.Persistence.Sql uses:
/// <c>akka.persistence.journal.plugin = "akka.persistence.journal.sql"</c> and the same for the snapshot store.
/// </summary>
public static class SqlPersistenceHocon
{
    public const string JournalClass = "ActorBot.Persistence.Sql.Plugin.SqlJournal, ActorBot.Persistence.Sql";
    public const string SnapshotStoreClass = "ActorBot.Persistence.Sql.Plugin.SqlSnapshotStore, ActorBot.Persistence.Sql";

    /// <summary>Both plugins on one database; <paramref name="extra"/> lines go into both plugin blocks.</summary>
    public static string For(SqlProvider provider, string connectionString, int batchSize = 100, string extra = "") =>
        $$"""
        akka.persistence.journal.plugin = "akka.persistence.journal.sql"
        akka.persistence.journal.sql {
            class = "{{JournalClass}}"
            provider-name = {{provider.ToName()}}
            connection-string = {{Quote(connectionString)}}
            auto-initialize = on
            batch-size = {{batchSize}}
            table-name = journal
            {{extra}}
        }
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
        akka.persistence.snapshot-store.sql {
            class = "{{SnapshotStoreClass}}"
            provider-name = {{provider.ToName()}}
            connection-string = {{Quote(connectionString)}}
            auto-initialize = on
            table-name = snapshot
            {{extra}}
        }
        """;

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
