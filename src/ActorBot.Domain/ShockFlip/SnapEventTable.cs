using System.Globalization;
using System.Text;

namespace ActorBot.Domain.ShockFlip;

/// <summary>
/// The feature/label table (CSV text) that <c>--export-features</c> writes and the training
/// pipeline reads: key columns, the model's 24 inputs in schema order (raw values, not rounded),
/// then both labels. Numbers use invariant culture and round-trip ("R") formatting, so the same
/// run always produces the same bytes.
/// </summary>
public static class SnapEventTable
{
    public static readonly string[] KeyColumns = ["timestamp", "idx", "symbol", "feature_mode"];

    public static readonly string[] LabelColumns =
    [
        "y_research", "r_research", "exit_research", "y_causal", "r_causal", "exit_causal", "entry_price", "decision_time",
    ];

    public static string Header() =>
        string.Join(',', KeyColumns.Concat(SnapFeatureVector.Schema.Names).Concat(LabelColumns));

    public static string Row(SnapEventRow row, FeatureMode mode)
    {
        var e = row.Event;
        var sb = new StringBuilder(512);
        sb.Append(FormatTime(e.TimestampMs)).Append(',')
            .Append(e.Index.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(row.Symbol).Append(',')
            .Append(mode == FeatureMode.Research ? "research" : "causal");
        foreach (var v in SnapFeatureVector.Build(e))
        {
            sb.Append(',').Append(Num(v));
        }

        sb.Append(',').Append(row.ResearchLabel.WinLabel.ToString(CultureInfo.InvariantCulture))
            .Append(',').Append(Num(row.ResearchLabel.RFinal))
            .Append(',').Append(row.ResearchLabel.Reason)
            .Append(',').Append(row.CausalLabel.WinLabel.ToString(CultureInfo.InvariantCulture))
            .Append(',').Append(Num(row.CausalLabel.RFinal))
            .Append(',').Append(row.CausalLabel.Reason)
            .Append(',').Append(Num(e.Features.Bar.Close))
            .Append(',').Append(FormatTime(e.DecisionTimeMs));
        return sb.ToString();
    }

    public static string Write(IEnumerable<SnapEventRow> rows, FeatureMode mode)
    {
        var sb = new StringBuilder();
        sb.Append(Header()).Append('\n');
        foreach (var row in rows)
        {
            sb.Append(Row(row, mode)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The research's timestamp format: <c>YYYY-MM-DD HH:MM:SS+00:00</c> (bar open time, UTC).</summary>
    public static string FormatTime(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>Round-trip, culture-invariant; NaN is written "nan", which Python and pandas parse back as NaN.</summary>
    public static string Num(double v) => double.IsNaN(v) ? "nan" : v.ToString("R", CultureInfo.InvariantCulture);
}
