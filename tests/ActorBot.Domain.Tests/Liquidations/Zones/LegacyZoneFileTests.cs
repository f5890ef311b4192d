using System.Text.Json;
using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Zones;

namespace ActorBot.Domain.Tests.Liquidations.Zones;

/// <summary>
/// The old <c>liq_active_zones_{SYM}.json</c> files of the recorded run (Data/moonstream, see SOURCES.md), imported,
/// loaded with and without downtime, and the snapshot model's round trip.
/// </summary>
public sealed class LegacyZoneFileTests
{
    private const long Min = 60_000;

    private static BucketGrid GridOf(string symbol) => new(symbol switch { "BTC" => 20m, "ETH" => 1m, _ => 0.1m });

    private static string FileOf(string symbol) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "moonstream", $"liq_active_zones_{symbol}.json"));

    private static LegacyZoneImport Import(string symbol) => LegacyZoneFile.Import(FileOf(symbol), symbol, GridOf(symbol));

    private static ZoneBook BookOf(string symbol) => new(symbol, GridOf(symbol), LeverageLadders.ForBase(symbol));

    [Theory]
    [InlineData("BTC", 161, 104, 57, 1_772_614_899_424L)]
    [InlineData("ETH", 185, 152, 33, 1_772_614_902_278L)]
    [InlineData("SOL", 107, 76, 31, 1_772_614_897_595L)]
    public void The_recorded_zone_files_import_every_zone(string symbol, int zones, int longs, int shorts, long savedAtMs)
    {
        var import = Import(symbol);

        import.Error.Should().BeNull();
        import.Problems.Should().BeEmpty();
        import.ZonesInFile.Should().Be(zones);
        import.ZoneCountField.Should().Be(zones);
        var snapshot = import.Snapshot!;
        snapshot.Zones.Should().HaveCount(zones);
        snapshot.Zones.Count(z => z.Side == LiquidationSide.Long).Should().Be(longs);
        snapshot.Zones.Count(z => z.Side == LiquidationSide.Short).Should().Be(shorts);
        snapshot.SavedAtMs.Should().Be(savedAtMs);
        snapshot.LastMinuteMs.Should().BeNull();
        snapshot.Counters.Should().Be(ZoneCounters.Zero);
    }

    [Fact]
    public void An_imported_zone_keeps_every_field_at_full_precision()
    {
        var zone = Import("BTC").Snapshot!.Zones.Single(z => z.Tick == 3_340 && z.Side == LiquidationSide.Long);

        zone.Weight.Should().Be(2.05745941900086);
        zone.CreatedAtMs.Should().Be(1_772_552_460_068);
        zone.LastReinforcedAtMs.Should().Be(1_772_601_720_019);
        zone.ReinforcementCount.Should().Be(25);
        zone.Source.Should().Be(ZoneSource.Inference);
        zone.TierContributions.Should().Equal(
            new TierContribution(125, 17.518928014945324),
            new TierContribution(100, 14.250285072981658),
            new TierContribution(50, 1214.7406683394738),
            new TierContribution(75, 2.7216132080689093),
            new TierContribution(20, 0.29999485465990267));
    }

    [Theory]
    [InlineData("BTC", 161, 3)]
    [InlineData("ETH", 185, 1)]
    [InlineData("SOL", 107, 0)]
    public void Loading_at_the_save_time_serves_the_zones_as_saved_but_capped(string symbol, int kept, int capped)
    {
        var book = BookOf(symbol);
        var snapshot = Import(symbol).Snapshot!;

        var load = book.Load(snapshot, snapshot.SavedAtMs);

        load.MinutesCaughtUp.Should().Be(0);
        load.ZonesKept.Should().Be(kept);
        load.Capped.Should().Be(capped);
        load.Expired.Should().BeEmpty();
        book.GetActiveZones().Should().OnlyContain(z => z.ExactWeight <= 5.0);
        book.GetSummary().ZonesCreatedTotal.Should().Be(0);
    }

    [Theory]
    [InlineData("BTC", 67_000.0, 147, 2, 12)]
    [InlineData("ETH", 2_000.0, 151, 3, 31)]
    [InlineData("SOL", 85.0, 90, 8, 9)]
    public void Loading_after_a_two_hour_downtime_decays_and_expires(string symbol, double price, int kept, int light, int aged)
    {
        var book = BookOf(symbol);
        var snapshot = Import(symbol).Snapshot!;

        var load = book.Load(snapshot, snapshot.SavedAtMs + (120 * Min), price);

        load.MinutesCaughtUp.Should().Be(120);
        load.ZonesKept.Should().Be(kept);
        load.Expired.Count(e => e.Reason == ZoneExpiryReason.BelowMinWeight).Should().Be(light);
        load.Expired.Count(e => e.Reason == ZoneExpiryReason.AgedAndDistant).Should().Be(aged);
        book.GetSummary().ZonesExpiredTotal.Should().Be(light + aged);
    }

    [Fact]
    public void A_pinned_zone_after_a_pinned_downtime_weighs_its_saved_weight_times_0_995_per_missed_minute()
    {
        var book = BookOf("BTC");
        var snapshot = Import("BTC").Snapshot!;

        // Saved at 09:01:39.424 UTC, when the last complete minute was 09:00. Back at 12:01:10: the minutes 09:01 … 12:00
        // closed meanwhile, 180 of them (12:01 is still open and will be closed live).
        var now = 1_772_625_670_000L;
        var load = book.Load(snapshot, now, 67_000);

        load.MinutesCaughtUp.Should().Be(180);
        book.LastMinuteMs.Should().Be(1_772_625_600_000L);
        var zone = book.GetActiveZones(LiquidationSide.Long).Single(z => z.Price == 66_800m);
        zone.ExactWeight.Should().Be(2.05745941900086 * Math.Pow(0.995, 180));
        zone.ReinforcementCount.Should().Be(25);
    }

    [Fact]
    public void A_snapshot_round_trips_through_a_new_book_and_through_json_unchanged()
    {
        var book = BookOf("BTC");
        var imported = Import("BTC").Snapshot!;
        book.Load(imported, imported.SavedAtMs, 67_000);
        var minute = (imported.SavedAtMs / Min * Min) + Min;
        book.OnMinute(new ZoneMinute(minute, 67_050, 66_950, 67_000, [], [ZoneInput.FromInference(3_400, LiquidationSide.Long, 90_000, 75, 0.55)], 0.01));
        var snapshot = book.Snapshot(minute + Min + 700);

        var restored = BookOf("BTC");
        restored.Load(snapshot, snapshot.SavedAtMs).MinutesCaughtUp.Should().Be(0);
        var again = restored.Snapshot(snapshot.SavedAtMs);
        var viaJson = JsonSerializer.Deserialize<ZoneSnapshot>(JsonSerializer.Serialize(snapshot))!;

        again.Should().BeEquivalentTo(snapshot, o => o.ComparingRecordsByMembers().WithStrictOrdering());
        viaJson.Should().BeEquivalentTo(snapshot, o => o.ComparingRecordsByMembers().WithStrictOrdering());
        restored.GetSummary().Should().Be(book.GetSummary());
        restored.GetActiveZones().Should().BeEquivalentTo(book.GetActiveZones(), o => o.ComparingRecordsByMembers().WithStrictOrdering());
    }

    [Fact]
    public void A_file_of_another_symbol_or_not_json_is_refused_with_a_typed_error()
    {
        LegacyZoneFile.Import(FileOf("BTC"), "ETH", GridOf("ETH")).Error.Should().Be(LegacyZoneFileError.SymbolMismatch);
        LegacyZoneFile.Import("{not json", "BTC", GridOf("BTC")).Error.Should().Be(LegacyZoneFileError.Malformed);
        LegacyZoneFile.Import("""{"symbol":"BTC","zones":[]}""", "BTC", GridOf("BTC")).Error.Should().Be(LegacyZoneFileError.Malformed);
    }

    [Fact]
    public void A_bad_zone_entry_is_dropped_with_a_reason_and_the_old_defaults_fill_missing_fields()
    {
        const string json = """
            {"symbol":"SOL","saved_at":1772614897.5,"zone_count":4,"zones":[
              {"price":82.2,"side":"up","weight":1.0},
              {"price":82.3,"side":"long","weight":"heavy"},
              {"price":82.44,"side":"long","weight":0.5,"tier_contributions":{"20":1.5,"x":2}},
              {"price":82.4,"side":"short","weight":0.7}]}
            """;

        var import = LegacyZoneFile.Import(json, "SOL", GridOf("SOL"));

        import.Snapshot!.Zones.Should().HaveCount(2);
        import.Problems.Should().HaveCount(4);
        var bucketed = import.Snapshot.Zones[0];
        bucketed.Tick.Should().Be(824);
        bucketed.TierContributions.Should().Equal(new TierContribution(20, 1.5));
        var bare = import.Snapshot.Zones[1];
        bare.Source.Should().Be(ZoneSource.Unknown);
        bare.CreatedAtMs.Should().Be(1_772_614_897_500);
        bare.ReinforcementCount.Should().Be(0);
    }
}
