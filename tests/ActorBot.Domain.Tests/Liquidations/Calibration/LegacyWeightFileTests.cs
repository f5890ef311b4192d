using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;
using ActorBot.Domain.Liquidations.Inference;

namespace ActorBot.Domain.Tests.Liquidations.Calibration;

/// <summary>
/// The one-time import of the old schema-v2 weight files (SPEC §6.8), against the real recorded files: the old fixed
/// ladder [10,20,25,50,75,100,125] mapped onto each symbol's own ladder in 1/L space (the migration the old loader never
/// reached, §13 #24).
/// </summary>
public sealed class LegacyWeightFileTests
{
    private static readonly int[] OldTiers = [10, 20, 25, 50, 75, 100, 125];

    private static string File(string symbol) => System.IO.File.ReadAllText(RecordedMoonstream.PathOf($"liq_calibrator_weights_{symbol}.json"));

    [Fact]
    public void Btc_file_maps_onto_the_btc_ladder_keeping_the_old_tiers_in_proportion()
    {
        var ladder = LeverageLadders.ForBase("BTC");
        var import = LegacyWeightFile.Import(File("BTC"), "BTC", ladder);

        import.Error.Should().BeNull();
        import.FileTiers.Should().Equal(OldTiers);
        var s = import.Snapshot!;
        s.Tiers.Should().Equal(5, 10, 20, 25, 50, 75, 100, 125, 150, 200, 250);
        var w = s.Tiers.Zip(s.Weights).ToDictionary(x => x.First, x => x.Second);

        // Old 20x..125x keep their values up to one common factor; 5x takes the 20x end, 150x..250x the 125x end;
        // the disabled 10x (stored as 0 in the file, not evidence) stays 0.
        const double sum = 0.180028 + 1.0 + (3 * 0.019967);
        w[20].Should().BeApproximately(0.180028 / sum, 1e-9);
        w[50].Should().BeApproximately(0.300046 / sum, 1e-9);
        w[125].Should().BeApproximately(0.019967 / sum, 1e-9);
        w[5].Should().BeApproximately(w[20], 1e-12);
        w[250].Should().BeApproximately(w[125], 1e-12);
        w[10].Should().Be(0);
        s.Weights.Sum().Should().BeApproximately(1.0, 1e-12);
        s.Buffer.Should().Be(0.002);
        s.Tolerance.Should().Be(6, "the learned tolerance is kept; the old override to 4 is not repeated");
        s.CalibrationCount.Should().Be(1);
        s.CalibrationEnabled.Should().BeTrue();
        import.Notes.Should().Contain(n => n.Contains("mapped onto [5,10,20,25,50,75,100,125,150,200,250]"));
        import.Notes.Should().Contain(n => n.StartsWith("short_offset_usd -201.67 dropped", StringComparison.Ordinal));
    }

    [Fact]
    public void Eth_file_keeps_buffer_and_bias_and_sol_drops_the_tiers_its_ladder_lacks()
    {
        var eth = LegacyWeightFile.Import(File("ETH"), "ETH", LeverageLadders.ForBase("ETH")).Snapshot!;
        eth.Buffer.Should().Be(0.00204);
        eth.Tolerance.Should().Be(5);
        eth.BiasShort.Should().Be(-0.000611);
        eth.Tiers.Should().Equal(5, 10, 20, 25, 50, 75, 100, 125);

        var sol = LegacyWeightFile.Import(File("SOL"), "SOL", LeverageLadders.ForBase("SOL")).Snapshot!;
        sol.Tiers.Should().Equal(5, 10, 20, 25, 50, 75);
        const double sum = 0.180008 + 0.180008 + 0.270012 + 0.300013 + 0.150003;
        sol.Weights.Should().BeEquivalentTo(new[] { 0.180008 / sum, 0, 0.180008 / sum, 0.270012 / sum, 0.300013 / sum, 0.150003 / sum }, o => o.WithStrictOrdering().Using<double>(x => x.Subject.Should().BeApproximately(x.Expectation, 1e-9)).WhenTypeIs<double>());
    }

    [Fact]
    public void Tiers_between_old_tiers_are_interpolated_in_one_over_L()
    {
        const string json = """{"schema_version":2,"symbol":"XRP","ladder":[10,20,50,100],"weights":[0.0,0.4,0.4,0.2],"buffer":0.003,"tolerance":3}""";
        var ladder = LeverageLadders.ForBase("XRP");
        var s = LegacyWeightFile.Import(json, "XRP", ladder).Snapshot!;

        // 75x sits at 1/75 between 1/100 (0.2) and 1/50 (0.4): 0.2 + 0.2 × (1/75 − 1/100)/(1/50 − 1/100) = 0.2667.
        var raw = new[] { 0.4, 0.0, 0.4, 0.4, 0.2 + (0.2 / 3), 0.2 };
        s.Tiers.Should().Equal(5, 10, 20, 50, 75, 100);
        for (var i = 0; i < raw.Length; i++)
        {
            s.Weights[i].Should().BeApproximately(raw[i] / raw.Sum(), 1e-12);
        }
    }

    [Fact]
    public void The_imported_snapshot_restores_a_calibrator_that_feeds_the_inference()
    {
        var ladder = LeverageLadders.ForBase("ETH");
        var grid = new BucketGrid(1m);
        var snapshot = LegacyWeightFile.Import(File("ETH"), "ETH", ladder).Snapshot!;

        var calibrator = LiquidationCalibrator.Restore(snapshot, grid, ladder);
        var inference = new EntryInference("ETH", grid, ladder);
        inference.UpdateWeights(calibrator.Weights, calibrator.Buffer);

        calibrator.Weights.Should().Equal(snapshot.Weights);
        calibrator.Tolerance.Should().Be(5);
        inference.Buffer.Should().Be(0.00204);
        inference.Ladder.Weights.Should().Equal(snapshot.Weights);
    }

    [Fact]
    public void A_snapshot_saved_on_another_ladder_is_migrated_on_restore()
    {
        var old = new LiquidationCalibrator("BTC", CalibratorScenario.Grid, new LeverageLadder(OldTiers, [0.0, 0.18, 0.27, 0.30, 0.15, 0.08, 0.02], [10])).ToSnapshot();
        var restored = LiquidationCalibrator.Restore(old, CalibratorScenario.Grid, LeverageLadders.ForBase("BTC"));

        restored.Weights.Should().HaveCount(11);
        restored.Weights.Sum().Should().BeApproximately(1.0, 1e-12);
        restored.Weights[^1].Should().BeApproximately(restored.Weights[7], 1e-12, "250x takes the 125x end");
    }

    [Theory]
    [InlineData("not json", LegacyWeightFileError.Malformed)]
    [InlineData("""{"symbol":"ETH","ladder":[10],"weights":[1.0]}""", LegacyWeightFileError.SymbolMismatch)]
    [InlineData("""{"symbol":"BTC","ladder":[10,20],"weights":[1.0]}""", LegacyWeightFileError.Malformed)]
    [InlineData("""{"symbol":"BTC","ladder":[10,20],"weights":[0.0,0.0]}""", LegacyWeightFileError.NoWeight)]
    public void Bad_files_give_a_typed_error_and_no_snapshot(string json, LegacyWeightFileError error)
    {
        var import = LegacyWeightFile.Import(json, "BTC", LeverageLadders.ForBase("BTC"));

        import.Error.Should().Be(error);
        import.ErrorDetail.Should().NotBeNullOrEmpty();
        import.Snapshot.Should().BeNull();
    }
}
