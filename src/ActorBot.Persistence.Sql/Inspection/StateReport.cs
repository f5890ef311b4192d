using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorBot.Persistence.Sql.Inspection;

/// <summary>Renders inspected state as a text table or as JSON (for <c>actorbot state inspect</c>).</summary>
public static class StateReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string ToJson(IReadOnlyList<PersistenceIdState> states) => JsonSerializer.Serialize(states, Json);

    public static string ToTable(IReadOnlyList<PersistenceIdState> states)
    {
        if (states.Count == 0)
        {
            return "no persistence ids stored" + Environment.NewLine;
        }

        var text = new StringBuilder();
        Table(
            text,
            ["PERSISTENCE ID", "HIGHEST SEQ", "EVENTS", "LAST WRITE (UTC)", "SNAPSHOTS", "NEWEST SNAPSHOT"],
            states.Select(s => new[]
            {
                s.PersistenceId,
                Num(s.HighestSequenceNr),
                Num(s.EventCount),
                s.LastWrite is { } t ? Time(t) : "-",
                Num(s.Snapshots.Count),
                s.Snapshots.Count == 0 ? "-" : Describe(s.Snapshots[^1]),
            }));

        var snapshots = states.SelectMany(s => s.Snapshots.Select(snap => (s.PersistenceId, snap))).ToList();
        if (snapshots.Count > 0)
        {
            text.AppendLine();
            Table(
                text,
                ["PERSISTENCE ID", "SNAPSHOT SEQ", "TAKEN (UTC)", "BYTES"],
                snapshots.Select(p => new[] { p.PersistenceId, Num(p.snap.SequenceNr), Time(p.snap.Created), Num(p.snap.SizeBytes) }));
        }

        return text.ToString();
    }

    private static string Describe(SnapshotState snapshot) =>
        $"#{Num(snapshot.SequenceNr)} at {Time(snapshot.Created)}, {Num(snapshot.SizeBytes)} B";

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void Table(StringBuilder text, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}
