using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Heatmap;
using ActorBot.Domain.Liquidations.Zones;

namespace ActorBot.Engine.Liquidations;

/// <summary>A message the bot routes to <c>/user/bot/{symbol}</c>, which hands it to its liquidation subtree.</summary>
public interface ISymbolLiquidationMessage
{
    string Symbol { get; }
}

/// <summary>A question (an ask): a symbol that runs no actor for it answers with a <see cref="Akka.Actor.Status.Failure"/>.</summary>
public interface ILiquidationQuery
{
}

/// <summary>A symbol liquidation message the symbol hands to its <c>/zones</c> (the rest go to <c>/liquidations</c>).</summary>
public interface IZonesMessage : ISymbolLiquidationMessage
{
}

/// <summary>A symbol liquidation message the symbol hands to its <c>/calibrator</c>.</summary>
public interface ICalibratorMessage : ISymbolLiquidationMessage
{
}

/// <summary>A symbol liquidation message the symbol hands to its <c>/book</c> (order book, 30 s frames).</summary>
public interface IBookMessage : ISymbolLiquidationMessage
{
}

/// <summary>One normalised forced liquidation from a venue (venue → bot → symbol → /liquidations).</summary>
public sealed record LiquidationReceived(LiquidationEvent Event) : ISymbolLiquidationMessage
{
    public string Symbol => Event.Symbol;
}

/// <summary>An open-interest sample of a venue, in base units (the poller converts contracts), at the venue's time.</summary>
public sealed record OpenInterestSampled(string Venue, string Symbol, double OpenInterestBase, long TimeMs) : ISymbolLiquidationMessage;

/// <summary>A venue's mark price (<c>markPrice@1s</c>): the price the snapshot centres on before a minute has closed.</summary>
public sealed record MarkPriceSampled(string Venue, string Symbol, double MarkPrice, long TimeMs) : ISymbolLiquidationMessage;

/// <summary>Asks /liquidations for the V2 heatmap snapshot (the <c>/liq_heatmap_v2</c> body); answered with <see cref="LiquidationSnapshot"/>.</summary>
public sealed record GetLiquidationSnapshot(string Symbol) : ISymbolLiquidationMessage, ILiquidationQuery;

/// <summary>The V2 snapshot, or null with the reason when there is no price yet to centre it on.</summary>
public sealed record LiquidationSnapshot(string Symbol, HeatmapV2Snapshot? Snapshot, string? Unavailable)
{
    /// <summary>When the last trade reached /liquidations (epoch ms, scheduler clock); null before any: the API's staleness warning.</summary>
    public long? LastInputMs { get; init; }
}

/// <summary>Asks /zones for its active zones (answered with <see cref="ZonesState"/>).</summary>
public sealed record GetZones(string Symbol) : IZonesMessage, ILiquidationQuery;

/// <summary>The active zones of a symbol, their summary and the last minute applied.</summary>
public sealed record ZonesState(string Symbol, IReadOnlyList<ZoneView> Zones, ZoneSummary Summary, long? LastMinuteMs);

/// <summary>
/// What one closed minute brings to /zones (/liquidations → /zones), built in the spec's order: the tape's sweep, the
/// minute's tape prints and inference projections as evidence, the OI close factor (all in <see cref="ZoneMinute"/>).
/// </summary>
public sealed record ZoneMinuteInput(string Symbol, ZoneMinute Minute);

/// <summary>/zones → /liquidations after each minute: the zone counters the V2 snapshot's <c>stats.zone_manager</c> shows.</summary>
public sealed record ZoneCountersChanged(string Symbol, ZoneManagerWireStats Stats);

/// <summary>
/// The calibrator's input seam (moonstream SPEC §10.2 step 9): after each closed minute /liquidations sends this to the
/// symbol's /calibrator when one runs: the minute, the raw (not display) combined prediction per side (tick → USD), the
/// ladder and weights the projections used, and the OI change in base units.
/// </summary>
public sealed record LiquidationMinuteSnapshot(
    string Symbol,
    MinuteClosed Minute,
    IReadOnlyDictionary<long, double> PredictedLong,
    IReadOnlyDictionary<long, double> PredictedShort,
    IReadOnlyList<(int Tier, double Weight)> Weights,
    double Buffer,
    double OiDeltaBase);

/// <summary>
/// The calibrator's output seam: new tier weights (by tier) and buffer for the symbol's entry inference (SPEC §6; the
/// old code pushed them once at the first rollover, §10.2 step 5). Weights outside the ladder are refused and counted.
/// </summary>
public sealed record UpdateLeverageWeights(string Symbol, IReadOnlyDictionary<int, double> WeightsByTier, double Buffer) : ISymbolLiquidationMessage;

/// <summary>Asks /calibrator for its stats (answered with <see cref="ActorBot.Domain.Liquidations.Calibration.CalibratorStats"/>).</summary>
public sealed record GetCalibratorStats(string Symbol) : ICalibratorMessage, ILiquidationQuery;

/// <summary>Internal: the liquidations actor's minute timer (a quiet market still rolls its minutes).</summary>
internal sealed record MinuteTick
{
    public static readonly MinuteTick Instance = new();
}
