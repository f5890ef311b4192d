namespace ActorBot.Benchmarks;

/// <summary>The suites this runner knows; add one line per suite.</summary>
public static class SuiteCatalog
{
    public static IReadOnlyList<IBenchmarkSuite> All { get; } =
    [
        new Suites.VenueSuite(),
    ];
}
