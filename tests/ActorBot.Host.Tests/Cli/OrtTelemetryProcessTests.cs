namespace ActorBot.Host.Tests.Cli;

/// <summary>
/// ONNX Runtime 1.29+ on Linux starts Microsoft's 1DS telemetry uploader with its environment unless
/// ORT_DISABLE_TELEMETRY=1 is in the native environment; its first trace is a device id and an event database under
/// $HOME/.cache/Microsoft/DeveloperTools/.onnxruntime. The process runs with a fresh HOME and without the CI variables
/// ORT itself treats as "do not upload", so only our switch can keep that directory from appearing.
/// </summary>
public sealed class OrtTelemetryProcessTests : IDisposable
{
    // The variables ONNX Runtime reads to skip telemetry on CI machines (strings of libonnxruntime.so 1.32), and ours.
    private static readonly string[] CiVariables = ["CI", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "CODEBUILD_BUILD_ID", "ORT_RUNNING_UNIT_TESTS", "ORT_DISABLE_TELEMETRY", "XDG_CACHE_HOME"];

    private readonly string _home = Path.Combine(Path.GetTempPath(), "actorbot-home-" + Guid.NewGuid().ToString("N"));

    public OrtTelemetryProcessTests() => Directory.CreateDirectory(_home);

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact(DisplayName = "Loading the models leaves no ONNX Runtime telemetry database or device id in the user's home")]
    public async Task NoTelemetryStore()
    {
        var environment = CiVariables.ToDictionary(name => name, _ => (string?)null);
        environment["HOME"] = _home;
        using var process = ActorbotProcess.StartDll(["model", "registry", "--registry", Path.Combine(ReadmeCommands.RepoRoot, "models", "registry")], _home, environment);

        (await process.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(0, process.Stderr);
        process.Stdout.Should().Contain("active: snap_hgb_2024_btc_agg");
        Directory.Exists(Path.Combine(_home, ".cache", "Microsoft")).Should().BeFalse("ORT's uploader must not have started");
    }
}
