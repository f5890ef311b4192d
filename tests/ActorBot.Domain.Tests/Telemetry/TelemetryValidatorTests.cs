using ActorBot.Domain.Telemetry;

namespace ActorBot.Domain.Tests.Telemetry;

/// <summary>The telemetry checker: a good file passes with its record count; each kind of violation is named with its line.</summary>
public sealed class TelemetryValidatorTests
{
    private const string Decision = "{\"schema_version\":1,\"ts\":1000,\"seq\":1,\"type\":\"decision\",\"symbol\":\"BTCUSDT\",\"event_id\":\"BTCUSDT-7\",\"event_ts\":990,\"side\":1,\"active_model\":\"m\",\"p_active\":0.61,\"min_prob\":0.55,\"take\":true,\"shadow_model\":null,\"p_shadow\":null,\"action\":\"opened\",\"reason\":null}";
    private const string Pause = "{\"schema_version\":1,\"ts\":1000,\"seq\":2,\"type\":\"safe_pause\",\"paused\":true,\"reasons\":[\"stale market data for BTCUSDT\"]}";
    private const string Kill = "{\"schema_version\":1,\"ts\":1500,\"seq\":3,\"type\":\"kill_switch\",\"engaged\":true,\"source\":\"probe\",\"extra\":42}";

    private static TelemetryViolation? First(params string[] lines) => TelemetryValidator.Validate(lines).Violation;

    [Fact(DisplayName = "A good file passes with its record count: blank lines skipped, equal ts allowed, unknown fields ignored")]
    public void Good_file_passes()
    {
        TelemetryValidator.Validate([Decision, string.Empty, Pause, Kill]).Should().Be(new TelemetryCheckResult(3, null));
    }

    [Fact(DisplayName = "An empty file is valid with 0 records")]
    public void Empty_file() => TelemetryValidator.Validate([]).Should().Be(new TelemetryCheckResult(0, null));

    [Fact(DisplayName = "A line that is not JSON is named with its line number")]
    public void Invalid_json()
    {
        var result = TelemetryValidator.Validate([Decision, "{\"ts\":", Pause]);
        result.Records.Should().Be(1);
        result.Violation!.Line.Should().Be(2);
        result.Violation.Message.Should().StartWith("invalid JSON: ");
    }

    [Fact(DisplayName = "A JSON value that is not an object is a violation")]
    public void Not_an_object() => First("[1,2]").Should().Be(new TelemetryViolation(1, "expected a JSON object, got array"));

    [Fact(DisplayName = "A missing common field is named")]
    public void Missing_common_field() =>
        First("{\"schema_version\":1,\"seq\":1,\"type\":\"kill_switch\",\"engaged\":true,\"source\":\"probe\"}")
            .Should().Be(new TelemetryViolation(1, "missing required field \"ts\""));

    [Fact(DisplayName = "A missing field of the record's type is named with the type")]
    public void Missing_type_field() =>
        First(Decision, "{\"schema_version\":1,\"ts\":1000,\"seq\":2,\"type\":\"kill_switch\",\"engaged\":true}")
            .Should().Be(new TelemetryViolation(2, "missing required field \"source\" (type kill_switch)"));

    [Fact(DisplayName = "An unknown type is a violation that lists the known ones")]
    public void Unknown_type() =>
        First("{\"schema_version\":1,\"ts\":1,\"seq\":1,\"type\":\"tick\"}")!.Message.Should().StartWith("unknown type \"tick\" (known: decision, order, fill, trade_closed, position_closed, safe_pause, venue_health, kill_switch, reconcile_drift)");

    [Fact(DisplayName = "Another schema version is refused")]
    public void Wrong_version() =>
        First(Kill.Replace("\"schema_version\":1", "\"schema_version\":2", StringComparison.Ordinal)).Should().Be(new TelemetryViolation(1, "schema_version must be 1, got 2"));

    [Theory(DisplayName = "A field of the wrong JSON type is named with what it must be and what it is")]
    [InlineData("\"p_active\":0.61", "\"p_active\":\"0.61\"", "field \"p_active\" (type decision) must be a number, got string \"0.61\"")]
    [InlineData("\"side\":1", "\"side\":1.5", "field \"side\" (type decision) must be an integer, got number 1.5")]
    [InlineData("\"take\":true", "\"take\":1", "field \"take\" (type decision) must be a boolean, got number 1")]
    [InlineData("\"symbol\":\"BTCUSDT\"", "\"symbol\":null", "field \"symbol\" (type decision) must be a string, got null null")]
    [InlineData("\"p_shadow\":null", "\"p_shadow\":true", "field \"p_shadow\" (type decision) must be a number or null, got boolean true")]
    [InlineData("\"ts\":1000", "\"ts\":\"1000\"", "field \"ts\" must be an integer, got string \"1000\"")]
    public void Wrong_type(string good, string bad, string message) =>
        First(Decision.Replace(good, bad, StringComparison.Ordinal)).Should().Be(new TelemetryViolation(1, message));

    [Fact(DisplayName = "An array of strings must hold only strings")]
    public void String_array() =>
        First(Pause.Replace("[\"stale market data for BTCUSDT\"]", "[\"a\",1]", StringComparison.Ordinal))!.Message
            .Should().Be("field \"reasons\" (type safe_pause) must be an array of strings, got array [\"a\",1]");

    [Fact(DisplayName = "ts going backwards is a violation on the later line")]
    public void Ts_backwards() =>
        First(Kill, Pause.Replace("\"seq\":2", "\"seq\":4", StringComparison.Ordinal))
            .Should().Be(new TelemetryViolation(2, "ts went backwards: 1000 after 1500"));

    [Fact(DisplayName = "seq must strictly increase (a repeated line is caught)")]
    public void Seq_repeated() =>
        First(Decision, Decision).Should().Be(new TelemetryViolation(2, "seq must increase: 1 after 1"));
}
