namespace ActorBot.Persistence.Sql;

/// <summary>Quoting for values spliced into generated HOCON (connection strings, type names).</summary>
internal static class HoconText
{
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
