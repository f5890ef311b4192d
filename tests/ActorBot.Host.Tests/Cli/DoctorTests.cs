using ActorBot.Host.Cli;

namespace ActorBot.Host.Tests.Cli;

/// <summary><c>actorbot doctor</c> without a state database, and with bad input (the full read is checked after the demo run).</summary>
public sealed class DoctorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-doctor-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Code, string Output, string Error)> Doctor(string? db = null)
    {
        var path = Path.Combine(_dir, "op.conf");
        await File.WriteAllTextAsync(path, $"actorbot.state-dir = \"{_dir}/state\"\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await DoctorCommand.RunAsync(path, db, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact(DisplayName = "doctor with no state database says where it looked, exit 1")]
    public async Task No_state()
    {
        var (code, output, _) = await Doctor();

        code.Should().Be(1);
        output.Should().Contain("doctor state db: none at").And.Contain(Path.Combine(_dir, "state", "actorbot.db"));
    }

    [Fact(DisplayName = "doctor with a malformed --db connection string is one line on stderr, exit 2")]
    public async Task Bad_db()
    {
        var (code, _, error) = await Doctor("Host=;Password=hunter2");

        code.Should().Be(2);
        error.Should().StartWith("actorbot doctor: --db").And.NotContain("hunter2");
    }
}
