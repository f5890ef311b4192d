namespace ActorBot.Data.Heatmaps;

/// <summary>
/// Whole records read from a ring file, oldest first. A partial record at the end (a write cut short by a crash or
/// power loss) is not a record: it is left out and reported in <see cref="TornBytes"/>.
/// </summary>
public sealed record RingFileContents(IReadOnlyList<byte[]> Records, long TotalRecords, long TornBytes)
{
    public static RingFileContents Empty { get; } = new([], 0, 0);

    public bool HasTornRecord => TornBytes > 0;
}
