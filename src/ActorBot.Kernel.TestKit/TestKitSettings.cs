using Akka.Configuration;

namespace Akka.TestKit;

/// <summary><c>akka.test</c> settings: default expectation timeout and the time factor applied to every max duration.</summary>
public class TestKitSettings
{
    public TestKitSettings(Config config)
    {
        DefaultTimeout = config.GetTimeSpan("akka.test.default-timeout", TimeSpan.FromSeconds(5), allowInfinite: false);
        SingleExpectDefault = config.GetTimeSpan("akka.test.single-expect-default", TimeSpan.FromSeconds(3), allowInfinite: false);
        TestTimeFactor = config.HasPath("akka.test.timefactor") ? ParseFactor(config.GetString("akka.test.timefactor")) : 1.0;
        if (TestTimeFactor <= 0)
        {
            throw new ConfigurationException($"akka.test.timefactor must be positive, got {TestTimeFactor}.");
        }
    }

    public TimeSpan DefaultTimeout { get; }

    public TimeSpan SingleExpectDefault { get; }

    public double TestTimeFactor { get; }

    private static double ParseFactor(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ConfigurationException($"akka.test.timefactor must be a number, got '{text}'.");
}
