namespace ActorBot.Domain.Liquidations.Zones;

/// <summary>What created a zone (SPEC §8.2). A zone fed by two different sources becomes <see cref="Combined"/>.</summary>
public enum ZoneSource
{
    /// <summary>Printed liquidations (the tape).</summary>
    Tape,

    /// <summary>Inferred entries projected to their liquidation levels.</summary>
    Inference,

    /// <summary>Reinforced or merged from more than one source.</summary>
    Combined,

    /// <summary>Created one bucket past a heavy tape bucket the price swept (SPEC §13 #8, see <see cref="SweepZoneRule"/>).</summary>
    Sweep,

    /// <summary>Imported from an old zone file without a source.</summary>
    Unknown,
}

/// <summary>The old JSON spelling of zone sources and sides.</summary>
public static class ZoneWire
{
    public static string Name(this ZoneSource source) => source switch
    {
        ZoneSource.Tape => "tape",
        ZoneSource.Inference => "inference",
        ZoneSource.Combined => "combined",
        ZoneSource.Sweep => "sweep",
        _ => "unknown",
    };

    public static ZoneSource ParseSource(string? name) => name switch
    {
        "tape" => ZoneSource.Tape,
        "inference" => ZoneSource.Inference,
        "combined" => ZoneSource.Combined,
        "sweep" => ZoneSource.Sweep,
        _ => ZoneSource.Unknown,
    };

    public static string Name(this LiquidationSide side) => side == LiquidationSide.Long ? "long" : "short";
}
