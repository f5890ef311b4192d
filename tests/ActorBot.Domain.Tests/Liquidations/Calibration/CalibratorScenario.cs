using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;

namespace ActorBot.Domain.Tests.Liquidations.Calibration;

/// <summary>Builds minutes and liquidations for calibrator tests (BTC grid, step 20, minutes from a fixed epoch).</summary>
internal static class CalibratorScenario
{
    public const long T0 = 29_532_529L * 60_000;

    public static readonly BucketGrid Grid = new(20m);

    private static readonly Dictionary<long, double> Empty = [];

    public static LiquidationCalibrator Btc(CalibratorOptions? options = null)
        => new("BTC", Grid, LeverageLadders.ForBase("BTC"), options);

    public static long Minute(int i) => T0 + (i * 60_000L);

    /// <summary>A flat minute at <paramref name="price"/> (or a given range) with optional predicted maps.</summary>
    public static CalibratorMinute Flat(
        int i,
        double price,
        double? low = null,
        double? high = null,
        IReadOnlyDictionary<long, double>? longs = null,
        IReadOnlyDictionary<long, double>? shorts = null)
        => new(Minute(i), price, high ?? price, low ?? price, price, 0, 0, null, null, longs ?? Empty, shorts ?? Empty);

    public static LiquidationEvent Liq(int minute, LiquidationSide side, double price, int secondInMinute = 30)
        => new("binance", "BTC", side, Math.Round((decimal)price, 1), 0.5m, Minute(minute) + (secondInMinute * 1000L));
}
