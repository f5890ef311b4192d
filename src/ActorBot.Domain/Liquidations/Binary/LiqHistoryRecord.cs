namespace ActorBot.Domain.Liquidations.Binary;

/// <summary>
/// One 4096-byte record of <c>liq_heatmap_v2_{SYM}.bin</c> (SPEC §9.4): a V2 heatmap snapshot's intensities as u8.
/// <see cref="Long"/> and <see cref="Short"/> are the whole 1000-byte areas as stored, so decode → encode is identity.
/// </summary>
public sealed record LiqHistoryRecord
{
    /// <summary>The snapshot's ts, float Unix seconds (not minute-aligned).</summary>
    public required double Ts { get; init; }

    public required double Src { get; init; }

    public required double PriceMin { get; init; }

    public required double PriceMax { get; init; }

    public required double Step { get; init; }

    public required uint BucketCount { get; init; }

    public required ReadOnlyMemory<byte> Long { get; init; }

    public required ReadOnlyMemory<byte> Short { get; init; }
}
