using System.Text;
using ActorBot.Host.Service.Cluster;

namespace ActorBot.Host.Cli;

/// <summary>The text <c>actorbot cluster status</c> prints: fixed-width columns, one section per question an operator asks.</summary>
public static class ClusterStatusTable
{
    public static string Render(ClusterStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var text = new StringBuilder();
        text.AppendLine($"self:   {status.Self}");
        text.AppendLine($"leader: {status.Leader ?? "(none)"}");
        text.AppendLine();
        var unreachable = status.Unreachable.ToHashSet(StringComparer.Ordinal);
        Table(text, ["MEMBER", "STATUS", "REACHABLE", "ROLES", "AGE"], status.Members.Select(m => new[]
        {
            m.Address + (m.Address == status.Self ? " (self)" : string.Empty),
            m.Status,
            unreachable.Contains(m.Address) ? "NO" : "yes",
            string.Join(",", m.Roles),
            m.UpNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        text.AppendLine();
        text.AppendLine($"unreachable: {(status.Unreachable.Count == 0 ? "none" : string.Join(", ", status.Unreachable))}");
        text.AppendLine();
        Table(text, ["SYMBOL", "OWNER"], status.Owners.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => new[] { o.Key, o.Value ?? "(not allocated)" }));
        if (status.OwnersError is { } error)
        {
            text.AppendLine($"owners: {error}");
        }

        text.AppendLine();
        Table(text, ["SINGLETON", "NODE"], status.Singletons.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new[] { s.Key, s.Value ?? "(no trading member up)" }));
        return text.ToString();
    }

    private static void Table(StringBuilder text, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        if (all.Count == 1)
        {
            all.Add(header.Select(_ => "-").ToArray());
        }

        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}
