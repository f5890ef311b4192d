using ActorBot.Domain.Liquidations.Calibration;
using ActorBot.Engine.Configuration;
using Akka.Configuration;

namespace ActorBot.Engine.Liquidations;

/// <summary>
/// <c>actorbot.liquidations.calibrator</c>: whether each symbol runs the persistent <c>/calibrator</c>, and the few
/// options of the pure <see cref="LiquidationCalibrator"/> an operator may tune (the rest keep SPEC §6's values).
/// </summary>
public sealed record CalibratorSettings(CalibratorOptions Options)
{
    private const string Section = "actorbot.liquidations.calibrator";

    /// <summary>Null when <c>actorbot.liquidations.calibrator.enabled</c> is off. A bad value names its key.</summary>
    public static CalibratorSettings? FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Flag($"{Section}.enabled", true))
        {
            return null;
        }

        var defaults = new CalibratorOptions();
        var options = defaults with
        {
            WindowMinutes = config.Int($"{Section}.window-minutes", defaults.WindowMinutes),
            EntryLookbackMinutes = config.Int($"{Section}.entry-lookback-minutes", defaults.EntryLookbackMinutes),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"{Section}: {e.Message}");
        }

        return new CalibratorSettings(options);
    }
}
