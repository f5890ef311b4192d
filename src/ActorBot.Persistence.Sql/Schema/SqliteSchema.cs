namespace ActorBot.Persistence.Sql.Schema;

/// <summary>
/// Akka.Persistence.Sql's default table mapping on SQLite (provider SQLite.MS, tag-write-mode TagTable, no metadata
/// table since delete-compatibility-mode is off), with the indexes the plugin's own initialisation would add. The
/// unique (persistence_id, sequence_number) index is what makes a second writer on one persistence id fail.
/// </summary>
internal static class SqliteSchema
{
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS journal (
            ordering INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            deleted BOOLEAN NOT NULL,
            persistence_id NVARCHAR(255) NOT NULL,
            sequence_number BIGINT NOT NULL,
            created BIGINT NOT NULL,
            message BLOB NOT NULL,
            identifier INTEGER NULL,
            manifest NVARCHAR(500) NULL,
            writer_uuid NVARCHAR(128) NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS journal_uq ON journal (persistence_id, sequence_number);
        CREATE INDEX IF NOT EXISTS journal_created_idx ON journal (created);
        CREATE INDEX IF NOT EXISTS journal_sequence_number_idx ON journal (sequence_number);

        CREATE TABLE IF NOT EXISTS tags (
            ordering_id INTEGER NOT NULL,
            tag NVARCHAR(64) NOT NULL,
            persistence_id NVARCHAR(255) NOT NULL,
            sequence_nr INTEGER NOT NULL,
            PRIMARY KEY (ordering_id, tag)
        );
        CREATE INDEX IF NOT EXISTS tags_persistence_id_sequence_nr_idx ON tags (persistence_id, sequence_nr);
        CREATE INDEX IF NOT EXISTS tags_tag_idx ON tags (tag);

        CREATE TABLE IF NOT EXISTS snapshot (
            persistence_id NVARCHAR(255) NOT NULL,
            sequence_number BIGINT NOT NULL,
            created BIGINT NOT NULL,
            snapshot BLOB NOT NULL,
            manifest NVARCHAR(500) NULL,
            serializer_id INTEGER NULL,
            PRIMARY KEY (persistence_id, sequence_number)
        );
        """;
}
