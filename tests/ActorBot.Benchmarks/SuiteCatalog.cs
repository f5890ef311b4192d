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
        new Suites.ActorMessagingSuite(),
        new Suites.VenueSuite(),
        new Suites.Execution.ExecutionSuite(),
        new Suites.Models.ModelScoringSuite(),
        new Suites.Service.ServiceSuite(),
        new Suites.Liquidations.LiquidationSuite(),
        new Suites.Cluster.ClusterSuite(),
        new Suites.RssFloor.RssFloorSuite(),
    ];
}
