using System.Text;
using ActorBot.Domain.Reconciliation;

namespace ActorBot.Engine.Venues.Account;

/// <summary>
/// Appends drift records to <c>reconcile_drift.jsonl</c>, one JSON line each (<see cref="DriftRecordJson"/>). The
/// only IO of reconciliation: a few lines per check at most, so it writes synchronously and flushes at once (a line
/// must survive the crash it may be the last word before).
/// </summary>
internal sealed class DriftLog(string path)
{
    public string Path { get; } = path;

    /// <summary>Appends the lines; an IO failure is returned (the caller logs and counts it), never thrown.</summary>
    public string? Append(IReadOnlyCollection<DriftRecord> records)
    {
        if (records.Count == 0)
        {
            return null;
        }

        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var text = new StringBuilder();
            foreach (var r in records)
            {
                text.Append(DriftRecordJson.ToJsonLine(r)).Append('\n');
            }

            File.AppendAllText(Path, text.ToString(), new UTF8Encoding(false));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
