namespace ActorBot.Domain.Liquidations.Heatmap;

/// <summary>
/// The robust scale of one source of the combined heatmap (SPEC §4.6): the 99th percentile of its positive values
/// (the maximum when fewer than 10), floored at 1e-9, so one outlier bucket does not flatten the rest.
/// </summary>
public static class P99Scale
{
    public const double Floor = 1e-9;

    public static double Of(IEnumerable<double> values)
    {
        var positive = values.Where(v => v > 0).ToArray();
        if (positive.Length == 0)
        {
            return Floor;
        }

        Array.Sort(positive);
        var scale = positive.Length >= 10
            ? positive[Math.Min((int)(0.99 * positive.Length), positive.Length - 1)]
            : positive[^1];
        return Math.Max(scale, Floor);
    }
}
