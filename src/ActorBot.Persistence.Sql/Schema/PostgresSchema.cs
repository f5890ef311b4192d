namespace ActorBot.Persistence.Sql.Schema;

/// <summary>
/// Akka.Persistence.Sql's default table mapping on PostgreSQL (provider PostgreSQL.15, so <c>ordering</c> is
/// <c>GENERATED ALWAYS AS IDENTITY</c>; tag-write-mode TagTable; no metadata table). Tables are unqualified, so they
/// land in the connection's search path — the same place the plugin (schema-name null) looks for them.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>
    /// Key of the transaction-scoped advisory lock that serialises schema creation: two nodes starting on one empty
    /// database would otherwise race in CREATE TABLE IF NOT EXISTS (a unique violation on pg_type).
    /// </summary>
    public const long AdvisoryLockKey = 0x4143544F52424F54; // "ACTORBOT"

    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS journal (
            ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            deleted BOOLEAN NOT NULL,
            persistence_id VARCHAR(255) NOT NULL,
            sequence_number BIGINT NOT NULL,
            created BIGINT NOT NULL,
            message BYTEA NOT NULL,
            identifier INTEGER NULL,
            manifest VARCHAR(500) NULL,
            writer_uuid VARCHAR(128) NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS journal_uq ON journal (persistence_id, sequence_number);
        CREATE INDEX IF NOT EXISTS journal_created_idx ON journal (created);
        CREATE INDEX IF NOT EXISTS journal_sequence_number_idx ON journal (sequence_number);

        CREATE TABLE IF NOT EXISTS tags (
            ordering_id BIGINT NOT NULL,
            tag VARCHAR(64) NOT NULL,
            persistence_id VARCHAR(255) NOT NULL,
            sequence_nr BIGINT NOT NULL,
            PRIMARY KEY (ordering_id, tag)
        );
        CREATE INDEX IF NOT EXISTS tags_persistence_id_sequence_nr_idx ON tags (persistence_id, sequence_nr);
        CREATE INDEX IF NOT EXISTS tags_tag_idx ON tags (tag);

        CREATE TABLE IF NOT EXISTS snapshot (
            persistence_id VARCHAR(255) NOT NULL,
            sequence_number BIGINT NOT NULL,
            created BIGINT NOT NULL,
            snapshot BYTEA NOT NULL,
            manifest VARCHAR(500) NULL,
            serializer_id INTEGER NULL,
            PRIMARY KEY (persistence_id, sequence_number)
        );
        """;
}
