using ActorBot.Host.Cli;

namespace ActorBot.Host.Tests.Cli;

/// <summary><c>actorbot telemetry check</c>: exit 0 with a count, 1 naming the first violation, 2 for a missing file — each one line.</summary>
public sealed class TelemetryCheckCommandTests : IDisposable
{
    private const string Kill = "{\"schema_version\":1,\"ts\":1000,\"seq\":1,\"type\":\"kill_switch\",\"engaged\":true,\"source\":\"probe\"}";
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-tcheck-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose()
    {
        _out.Dispose();
        _err.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private int Check(params string[] lines)
    {
        var path = Path.Combine(_dir, "telemetry.jsonl");
        File.WriteAllLines(path, lines);
        return TelemetryCommand.Check(path, _out, _err);
    }

    [Fact(DisplayName = "A valid file: exit 0 and one line with the record count")]
    public void Valid()
    {
        Check(Kill, Kill.Replace("\"seq\":1", "\"seq\":2", StringComparison.Ordinal)).Should().Be(0);
        _out.ToString().Should().Be($"OK: 2 record(s) in {Path.Combine(_dir, "telemetry.jsonl")} valid against telemetry schema v1{Environment.NewLine}");
        _err.ToString().Should().BeEmpty();
    }

    [Fact(DisplayName = "A violation: exit 1 and one line naming the line number and what is wrong")]
    public void Violation()
    {
        Check(Kill, "not json").Should().Be(1);
        var line = _err.ToString().TrimEnd();
        line.Should().StartWith("actorbot telemetry check: ").And.Contain("telemetry.jsonl line 2: invalid JSON").And.EndWith("(1 valid record(s) before it)");
        line.Should().NotContain("\n");
        _out.ToString().Should().BeEmpty();
    }

    [Fact(DisplayName = "A missing file or a directory: exit 2, one line")]
    public void Missing()
    {
        TelemetryCommand.Check(Path.Combine(_dir, "nope.jsonl"), _out, _err).Should().Be(2);
        TelemetryCommand.Check(_dir, _out, _err).Should().Be(2);
        _err.ToString().Should().Be($"actorbot telemetry check: no such file: {Path.Combine(_dir, "nope.jsonl")}{Environment.NewLine}actorbot telemetry check: {_dir} is a directory; name a telemetry file{Environment.NewLine}");
    }
}
