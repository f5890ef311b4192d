using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;
using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Persistence;
using ActorBot.Host.Cli;
using ActorBot.Persistence.Sql;
using Akka.Actor;
using Microsoft.Data.Sqlite;

namespace ActorBot.Host.Tests.Cli;

/// <summary>
/// <c>actorbot liquidations import-weights</c> on the recorded run's real BTC weight file: it writes the mapped weights
/// into <c>calibrator-{symbol}</c> through the real plugin on a SQLite journal, a /calibrator started on that journal
/// serves them, existing state is refused without --force, and bad input is one line with exit 2.
/// </summary>
public sealed class ImportWeightsTests : IDisposable
{
    private const string Symbol = "BTCUSD_PERP";
    private static readonly string WeightFile = Path.Combine(AppContext.BaseDirectory, "Data", "moonstream", "liq_calibrator_weights_BTC.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-import-").FullName;
    private readonly string _config;

    public ImportWeightsTests()
    {
        _config = Path.Combine(_dir, "override.conf");
        File.WriteAllText(_config, $"actorbot.symbols = [{Symbol}, ETHUSDT]\n");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact(DisplayName = "import-weights --symbol BTC: the recorded file's weights land in calibrator-BTCUSD_PERP; a /calibrator on that journal serves and pushes them")]
    public async Task ImportedWeightsAreServed()
    {
        var (code, output, error) = await Run("--symbol", "BTC");
        code.Should().Be(0, error);
        var expected = LegacyWeightFile.Import(await File.ReadAllTextAsync(WeightFile), "BTC", LeverageLadders.ForBase("BTC")).Snapshot!;
        output.Should().Contain("into calibrator-BTCUSD_PERP").And.Contain("125x=").And.Contain("calibrations " + expected.CalibrationCount);

        var stats = Serve(out var pushed);
        stats.Weights.Keys.Should().Equal(expected.Tiers);
        // Restoring renormalises over the enabled tiers: equal to the last bits.
        stats.Weights.Values.Zip(expected.Weights, (a, b) => Math.Abs(a - b)).Should().OnlyContain(d => d < 1e-12);
        expected.Weights.Should().Contain(w => w > 0.2, "the file's weights, not the defaults' spread");
        (stats.Buffer, stats.Tolerance, stats.BiasLong, stats.BiasShort, stats.CalibrationCount, stats.CalibrationEnabled)
            .Should().Be((expected.Buffer, expected.Tolerance, expected.BiasLong, expected.BiasShort, expected.CalibrationCount, true));
        expected.CalibrationCount.Should().BeGreaterThan(0, "the recorded file carries its calibration_count");
        pushed.WeightsByTier.Should().BeEquivalentTo(stats.Weights);
    }

    [Fact(DisplayName = "import-weights refuses to overwrite calibrator state (exit 1, state unchanged) unless --force")]
    public async Task ExistingStateNeedsForce()
    {
        (await Run("--symbol", Symbol)).Code.Should().Be(0);
        var (code, _, error) = await Run("--symbol", Symbol);
        code.Should().Be(1);
        error.Should().Contain("already holds calibrator state").And.Contain("--force");
        error.Trim().Should().NotContain("\n");
        SnapshotRows().Should().Be(1);

        var forced = await Run("--symbol", Symbol, "--force");
        forced.Code.Should().Be(0, forced.Error);
        SnapshotRows().Should().Be(1, "the older snapshot is deleted behind the new one");
    }

    [Theory(DisplayName = "import-weights bad input: one line on stderr, exit 2")]
    [InlineData("missing-file")]
    [InlineData("not-json")]
    [InlineData("wrong-symbol")]
    [InlineData("unknown-symbol")]
    public async Task BadInput(string kind)
    {
        var file = Path.Combine(_dir, "weights.json");
        await File.WriteAllTextAsync(file, kind == "not-json" ? "{ this is not json" : await File.ReadAllTextAsync(WeightFile));
        var args = kind switch
        {
            "missing-file" => new[] { "--file", Path.Combine(_dir, "none.json"), "--symbol", Symbol },
            "wrong-symbol" => ["--file", file, "--symbol", "ETH"],
            "unknown-symbol" => ["--file", file, "--symbol", "XRP"],
            _ => ["--file", file, "--symbol", Symbol],
        };
        var (code, output, error) = await Invoke(args);
        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Trim().Should().StartWith("actorbot liquidations import-weights: ").And.NotContain("\n");
        File.Exists(Path.Combine(_dir, "actorbot.db")).Should().BeFalse("nothing is written on bad input");
    }

    private Task<(int Code, string Output, string Error)> Run(params string[] args) => Invoke(["--file", WeightFile, .. args]);

    private async Task<(int Code, string Output, string Error)> Invoke(string[] args)
    {
        string Value(string name) => args[Array.IndexOf(args, name) + 1];
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await LiquidationsCommand.ImportAsync(Value("--file"), Value("--symbol"), _config, _dir, args.Contains("--force"), output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The service's /calibrator on the same journal: its stats, and the weights it pushed on start.</summary>
    private CalibratorStats Serve(out UpdateLeverageWeights pushed)
    {
        using var system = ActorSystem.Create("served", ActorBotPersistence.SystemSetup(
            SqlPersistenceOptions.SqliteFile(Path.Combine(_dir, "actorbot.db")), EnginePersistence.CreateSerializer(),
            Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
        var kit = new Akka.TestKit.Xunit2.TestKit(system);
        var calibrator = system.ActorOf(Props.Create(() => new CalibratorActor(Symbol, new BucketGrid(20m), new CalibratorOptions(), kit.TestActor)), "calibrator");
        pushed = kit.ExpectMsg<UpdateLeverageWeights>(TimeSpan.FromSeconds(10));
        calibrator.Tell(new GetCalibratorStats(Symbol), kit.TestActor);
        var stats = kit.ExpectMsg<CalibratorStats>(TimeSpan.FromSeconds(10));
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
        return stats;
    }

    private long SnapshotRows()
    {
        using var connection = new SqliteConnection(SqlPersistenceOptions.SqliteFile(Path.Combine(_dir, "actorbot.db")).ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM snapshot WHERE persistence_id = 'calibrator-{Symbol}' AND manifest = 'calibrator.snapshot'";
        return (long)command.ExecuteScalar()!;
    }
}
