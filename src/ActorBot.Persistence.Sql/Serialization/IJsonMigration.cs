using System.Text.Json.Nodes;

namespace ActorBot.Persistence.Sql.Serialization;

/// <summary>
/// Reads a payload stored under an old manifest after its type changed (renamed, moved, reshaped).
/// The migrated JSON is then read under <see cref="ToManifest"/>, which may itself be migrated again,
/// so a chain v1 -> v2 -> v3 needs one small migration per step.
/// </summary>
public interface IJsonMigration
{
    /// <summary>The manifest found in the journal or snapshot table.</summary>
    string FromManifest { get; }

    /// <summary>The manifest the migrated payload is read as (usually the current type's manifest).</summary>
    string ToManifest { get; }

    /// <summary>Rewrites the old JSON into the shape <see cref="ToManifest"/> expects.</summary>
    JsonNode? Migrate(JsonNode? payload);
}
