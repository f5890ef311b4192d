namespace ActorBot.Benchmarks;

/// <summary>The suites this runner knows; add one line per suite.</summary>
public static class SuiteCatalog
{
    public static IReadOnlyList<IBenchmarkSuite> All { get; } =
    [
        new Suites.Persistence.PersistenceSuite(),
        new Suites.HoconSuite(),
        new Replay.ReplaySuite(),
        new Replay.CsvSuite(),
        new Suites.KernelSuite(),
        new Suites.VenueSuite(),
    ];
}
